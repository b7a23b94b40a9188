package io.mediapurge.devservices;

import java.util.List;
import java.util.logging.Logger;

import io.mediapurge.registry.FileRole;
import io.mediapurge.registry.MediaAsset;
import io.mediapurge.registry.ServiceRegion;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * A local run's demo account owns a handful of registered assets whose files are the embedded
 * endpoint's demo objects ({@link DemoContent}), so a newcomer can purge one from the console at
 * once. Registered only when the embedded endpoint runs and the demo account owns no asset yet.
 */
@Startup
@Singleton
@DependsOn({"SeedApplier", "DevelopmentOssEndpoint"})
public class DemoAssets {

    static final String DEMO_ACCOUNT_UID = "1000000000000001";
    private static final Logger LOG = Logger.getLogger(DemoAssets.class.getName());

    record DemoFile(String bucket, String key, FileRole role) {
    }

    record Demo(String mediaId, String title, String mediaType, List<DemoFile> files) {
    }

    static final List<Demo> DEMOS = List.of(
            new Demo("de000000000000000000000000000001", "Product launch 2024", "video", List.of(
                    new DemoFile(DemoContent.MEDIA_BUCKET, "videos/2024/launch.mp4", FileRole.SOURCE),
                    new DemoFile(DemoContent.MEDIA_BUCKET, "videos/2024/launch-720p.mp4", FileRole.TRANSCODE),
                    new DemoFile(DemoContent.MEDIA_BUCKET, "videos/2024/launch-cover.jpg", FileRole.COVER))),
            new Demo("de000000000000000000000000000002", "Keynote 2023", "video", List.of(
                    new DemoFile(DemoContent.MEDIA_BUCKET, "videos/2023/keynote.mp4", FileRole.SOURCE),
                    new DemoFile(DemoContent.MEDIA_BUCKET, "videos/2023/keynote-720p.mp4", FileRole.TRANSCODE))),
            new Demo("de000000000000000000000000000003", "Podcast episode 1", "audio", List.of(
                    new DemoFile(DemoContent.MEDIA_BUCKET, "audio/podcast-001.mp3", FileRole.SOURCE))),
            new Demo("de000000000000000000000000000004", "Homepage banner", "image", List.of(
                    new DemoFile(DemoContent.MEDIA_BUCKET, "images/banner.png", FileRole.SOURCE))),
            new Demo("de000000000000000000000000000005", "Old campaign (archive)", "video", List.of(
                    new DemoFile(DemoContent.ARCHIVE_BUCKET, "2022/old-campaign.mp4", FileRole.SOURCE),
                    new DemoFile(DemoContent.ARCHIVE_BUCKET, "2022/old-campaign-480p.mp4", FileRole.TRANSCODE))));

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Inject
    DevelopmentOssEndpoint endpoint;

    @Inject
    ServiceRegion region;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    void register() {
        if (!endpoint.running()
                || em.createQuery("SELECT COUNT(a) FROM Account a WHERE a.uid = :uid", Long.class)
                        .setParameter("uid", DEMO_ACCOUNT_UID).getSingleResult() == 0
                || em.createQuery("SELECT COUNT(m) FROM MediaAsset m WHERE m.ownerUid = :uid", Long.class)
                        .setParameter("uid", DEMO_ACCOUNT_UID).getSingleResult() > 0) {
            return;
        }
        for (Demo demo : DEMOS) {
            DemoFile source = demo.files().get(0);
            MediaAsset asset = new MediaAsset(demo.mediaId(), DEMO_ACCOUNT_UID, region.id(),
                    "oss://" + source.bucket() + "/" + source.key(), demo.mediaType());
            asset.describe(demo.title(), null, null, null, null, null, null, null);
            demo.files().forEach(f -> asset.addFile(f.bucket(), f.key(), f.role(), null));
            em.persist(asset);
        }
        LOG.info("Demo account " + DEMO_ACCOUNT_UID + " owns " + DEMOS.size() + " registered demo assets, media IDs "
                + DEMOS.get(0).mediaId() + " to " + DEMOS.get(DEMOS.size() - 1).mediaId()
                + " (development default; purge them from the console)");
    }
}
