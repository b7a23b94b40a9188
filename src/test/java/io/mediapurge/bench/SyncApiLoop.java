package io.mediapurge.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import com.aliyun.ice20201109.Client;
import com.aliyun.ice20201109.models.DeleteMediaInfosRequest;
import com.aliyun.ice20201109.models.DeleteMediaInfosResponseBody;
import com.aliyun.teaopenapi.models.Config;

/**
 * What an application does with the official IMS SDK: DeleteMediaInfos with 20 media IDs and
 * DeletePhysicalFiles, one call after another, each answered before the next is sent.
 */
final class SyncApiLoop {

    /** What the loop did; {@code notDeleted} counts IDs the answers listed as ignored or forbidden. */
    record Result(long items, long calls, long notDeleted, double seconds) {
    }

    static final int PER_CALL = 20;

    private SyncApiLoop() {
    }

    static Result run(URI server, String accessKeyId, String secret, AssetSet set) throws Exception {
        Client ice = new Client(new Config().setAccessKeyId(accessKeyId).setAccessKeySecret(secret)
                .setEndpoint(server.getHost() + ":" + server.getPort()).setProtocol("HTTP")
                .setReadTimeout(60_000).setConnectTimeout(5_000));
        long calls = 0;
        long notDeleted = 0;
        long start = System.nanoTime();
        for (long from = 0; from < set.count(); from += PER_CALL) {
            List<String> ids = new ArrayList<>(PER_CALL);
            for (long i = from; i < Math.min(set.count(), from + PER_CALL); i++) {
                ids.add(set.mediaId(i));
            }
            DeleteMediaInfosResponseBody body = ice.deleteMediaInfos(new DeleteMediaInfosRequest()
                    .setMediaIds(String.join(",", ids)).setDeletePhysicalFiles(true)).getBody();
            calls++;
            notDeleted += size(body.getIgnoredList()) + size(body.getForbiddenList());
        }
        return new Result(set.count(), calls, notDeleted, (System.nanoTime() - start) / 1e9);
    }

    private static int size(List<String> list) {
        return list == null ? 0 : list.size();
    }
}
