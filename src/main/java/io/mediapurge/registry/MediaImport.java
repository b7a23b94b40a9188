package io.mediapurge.registry;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

import io.mediapurge.storage.OssUrl;
import io.mediapurge.text.Echo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Bulk registration from NDJSON, one asset a line:
 * {@code {"ownerUid","mediaId"?,"title"?,"mediaType"?,"files":[{"url","role","size"?}]}}.
 * Lines are read one at a time and written in batches, each in its own transaction, so a million
 * lines take constant memory; a bad line is reported by number and the good ones are kept.
 */
@ApplicationScoped
public class MediaImport {

    public static final int BATCH_SIZE = 500;
    static final int MAX_LINE_CHARS = 64 * 1024;
    static final int MAX_REPORTED_ERRORS = 1000;
    private static final Set<String> FIELDS = Set.of("ownerUid", "mediaId", "title", "mediaType", "files");
    private static final Set<String> FILE_FIELDS = Set.of("url", "role", "size");
    /** EclipseLink's query hint; "false" writes the parameters into the SQL as literals. */
    private static final String BIND_PARAMETERS = "eclipselink.jdbc.bind-parameters";

    /** What an import did: counts, and the first errors by line number. */
    public record Report(long imported, long failed, List<LineError> errors, boolean errorsTruncated) {
    }

    public record LineError(long line, String message) {
    }

    @Inject
    ServiceRegion region;

    @Inject
    MediaImport self; // batches commit through the proxy, one transaction each

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    /**
     * @param mayRegisterFor whether the importing principal may register assets for an owner account
     * @param bucketGranted whether an owner account (first) has granted a bucket (second) to the service
     */
    public Report importLines(Reader ndjson, Predicate<String> mayRegisterFor, BiPredicate<String, String> bucketGranted)
            throws IOException {
        LineReader lines = new LineReader(ndjson, MAX_LINE_CHARS);
        Map<String, Boolean> owners = new HashMap<>();
        List<LineError> errors = new ArrayList<>();
        long imported = 0;
        long failed = 0;
        List<Parsed> batch = new ArrayList<>(BATCH_SIZE);
        for (LineReader.Line line = lines.next(); line != null; line = lines.next()) {
            if (line.text() != null && line.text().isBlank()) {
                continue;
            }
            try {
                Parsed parsed = parse(line);
                String owner = parsed.ownerUid();
                if (!owners.computeIfAbsent(owner, uid -> self.accountExists(uid) && mayRegisterFor.test(uid))) {
                    throw new IllegalArgumentException("ownerUid " + owner + ": no such account, or you may not register media for it");
                }
                for (int i = 0; i < parsed.files().size(); i++) {
                    String bucket = parsed.files().get(i).url().bucket();
                    if (!bucketGranted.test(owner, bucket)) {
                        throw new IllegalArgumentException("files[" + i + "].url: account " + owner
                                + " has not authorized this service on bucket " + bucket);
                    }
                }
                batch.add(parsed);
            } catch (IllegalArgumentException e) {
                failed++;
                if (errors.size() < MAX_REPORTED_ERRORS) {
                    errors.add(new LineError(line.number(), e.getMessage()));
                }
            }
            if (batch.size() == BATCH_SIZE) {
                BatchResult result = self.write(batch);
                imported += result.written();
                failed += result.errors().size();
                addAll(errors, result.errors());
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            BatchResult result = self.write(batch);
            imported += result.written();
            failed += result.errors().size();
            addAll(errors, result.errors());
        }
        return new Report(imported, failed, errors, failed > errors.size());
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean accountExists(String uid) {
        return em.createQuery("SELECT COUNT(a) FROM Account a WHERE a.uid = :uid", Long.class)
                .setParameter("uid", uid).getSingleResult() > 0;
    }

    /** One batch in one transaction; media IDs already taken are reported, the rest written. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public BatchResult write(List<Parsed> batch) {
        Set<String> wanted = new HashSet<>();
        batch.stream().map(Parsed::mediaId).filter(id -> id != null).forEach(wanted::add);
        Set<String> taken = new HashSet<>();
        if (!wanted.isEmpty()) {
            // IDs as literals, not bound: the same 500-parameter SQL repeated makes the PostgreSQL driver
            // keep one server-side plan, and a plan made while the table was nearly empty is a sequential
            // scan that is never replanned until the table is analyzed, so every batch scanned the whole
            // table (measured: 5 800 lines/s fell to 300 at 150 000 rows). Each ID was checked as 32 hex digits.
            taken.addAll(em.createQuery("SELECT a.mediaId FROM MediaAsset a WHERE a.mediaId IN :ids", String.class)
                    .setHint(BIND_PARAMETERS, "false")
                    .setParameter("ids", wanted).getResultList());
        }
        List<LineError> errors = new ArrayList<>();
        int written = 0;
        for (Parsed p : batch) {
            String mediaId = p.mediaId() == null ? MediaAsset.newMediaId() : p.mediaId();
            if (!taken.add(mediaId)) {
                errors.add(new LineError(p.line(), "mediaId " + mediaId + " is already registered"));
                continue;
            }
            OssUrl source = p.files().get(p.sourceIndex()).url();
            MediaAsset asset = new MediaAsset(mediaId, p.ownerUid(), source.region(), source.canonical(), p.mediaType());
            asset.setSource("IMPORT");
            asset.describe(p.title(), null, null, null, null, null, null, null);
            for (ParsedFile f : p.files()) {
                asset.addFile(f.url().bucket(), f.url().key(), f.role(), f.size());
            }
            em.persist(asset);
            written++;
        }
        em.flush();
        em.clear();
        return new BatchResult(written, errors);
    }

    /** A batch's written count and the lines it refused. */
    public record BatchResult(int written, List<LineError> errors) {
    }

    /** A line that passed the checks that need no database. */
    public record Parsed(long line, String ownerUid, String mediaId, String title, String mediaType,
            List<ParsedFile> files, int sourceIndex) {
    }

    public record ParsedFile(OssUrl url, FileRole role, Long size) {
    }

    private Parsed parse(LineReader.Line line) {
        if (line.text() == null) {
            throw new IllegalArgumentException("longer than " + MAX_LINE_CHARS + " characters");
        }
        JsonObject json;
        try (JsonReader reader = Json.createReader(new StringReader(line.text()))) {
            json = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException("not a JSON object");
        } catch (RuntimeException e) {
            // The parser refuses input nested past its depth limit with a bare RuntimeException.
            throw new IllegalArgumentException("not a JSON object an asset can be read from (nested too deeply)");
        }
        for (String field : json.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown field \"" + Echo.of(field) + "\"");
            }
        }
        String owner = string(json, "ownerUid", true, 16);
        if (!owner.matches("\\d{16}")) {
            throw new IllegalArgumentException("ownerUid: must be 16 digits");
        }
        String mediaId = string(json, "mediaId", false, 32);
        if (mediaId != null && !MediaRegistry.isMediaId(mediaId)) {
            throw new IllegalArgumentException("mediaId: must be 32 lowercase hex digits");
        }
        String title = string(json, "title", false, 256);
        String mediaType = string(json, "mediaType", false, 16);
        mediaType = mediaType == null ? "video" : mediaType.toLowerCase(Locale.ROOT);
        if (!Set.of("video", "audio", "image", "text").contains(mediaType)) {
            throw new IllegalArgumentException("mediaType: must be one of video, audio, image, text");
        }
        JsonValue filesValue = json.get("files");
        if (!(filesValue instanceof JsonArray filesArray) || filesArray.isEmpty()) {
            throw new IllegalArgumentException("files: must be a non-empty list");
        }
        if (filesArray.size() > 100) {
            throw new IllegalArgumentException("files: at most 100 files per asset");
        }
        List<ParsedFile> files = new ArrayList<>();
        int sourceIndex = -1;
        for (int i = 0; i < filesArray.size(); i++) {
            String at = "files[" + i + "]";
            if (!(filesArray.get(i) instanceof JsonObject file)) {
                throw new IllegalArgumentException(at + ": must be an object");
            }
            for (String field : file.keySet()) {
                if (!FILE_FIELDS.contains(field)) {
                    throw new IllegalArgumentException(at + ": unknown field \"" + Echo.of(field) + "\"");
                }
            }
            String url = string(file, "url", true, 4096, at + ".url");
            OssUrl.Parsed parsed = OssUrl.parse(url, region.id());
            if (parsed instanceof OssUrl.Rejected rejected) {
                throw new IllegalArgumentException(at + ".url: " + rejected.reason());
            }
            String roleName = string(file, "role", false, 16, at + ".role");
            FileRole role;
            try {
                role = roleName == null ? FileRole.SOURCE : FileRole.valueOf(roleName.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + ".role: must be one of source, transcode, snapshot, subtitle, cover");
            }
            Long size = null;
            JsonValue sizeValue = file.get("size");
            if (sizeValue != null && sizeValue != JsonValue.NULL) {
                if (!(sizeValue instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < 0) {
                    throw new IllegalArgumentException(at + ".size: must be a whole number of bytes");
                }
                size = n.longValue();
            }
            if (role == FileRole.SOURCE && sourceIndex < 0) {
                sourceIndex = i;
            }
            files.add(new ParsedFile(((OssUrl.Accepted) parsed).url(), role, size));
        }
        return new Parsed(line.number(), owner, mediaId, title, mediaType, files, Math.max(sourceIndex, 0));
    }

    private static String string(JsonObject json, String name, boolean required, int maxLength) {
        return string(json, name, required, maxLength, name);
    }

    private static String string(JsonObject json, String name, boolean required, int maxLength, String path) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            if (required) {
                throw new IllegalArgumentException(path + ": missing");
            }
            return null;
        }
        if (!(value instanceof JsonString s)) {
            throw new IllegalArgumentException(path + ": must be a string");
        }
        if (s.getString().length() > maxLength) {
            throw new IllegalArgumentException(path + ": longer than " + maxLength + " characters");
        }
        return s.getString();
    }

    private static void addAll(List<LineError> errors, List<LineError> more) {
        for (LineError e : more) {
            if (errors.size() >= MAX_REPORTED_ERRORS) {
                return;
            }
            errors.add(e);
        }
    }
}
