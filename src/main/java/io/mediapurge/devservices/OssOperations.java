package io.mediapurge.devservices;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The OSS operations the development endpoint implements, over its {@link BucketStore}, answered
 * as OSS answers them (status, headers, XML bodies, error codes): buckets, objects,
 * DeleteMultipleObjects and ListObjectsV2 as aliyun-sdk-oss uses them; a key an injected fault
 * names is refused as OSS would refuse it.
 *
 * <p>One file although just over 300 lines: it holds only the operations, each short, over the
 * same store and faults; DeleteMultipleObjects and ListObjectsV2 are most of it.
 */
final class OssOperations {

    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final BucketStore store;
    private final Faults faults;

    OssOperations(BucketStore store, Faults faults) {
        this.store = store;
        this.faults = faults;
    }

    void createBucket(OssCall call) throws IOException {
        Content.Source.consumeAll(call.request());
        if (!BUCKET_NAME.matcher(call.bucket()).matches()) {
            call.error(400, "InvalidBucketName", "The specified bucket is not valid.");
            return;
        }
        store.createBucket(call.bucket());
        call.send(200, Map.of(), null);
    }

    void deleteBucket(OssCall call) {
        if (!store.bucketExists(call.bucket())) {
            call.error(404, "NoSuchBucket", "The specified bucket does not exist.");
        } else if (!store.deleteBucket(call.bucket())) {
            call.error(409, "BucketNotEmpty", "The bucket you tried to delete is not empty.");
        } else {
            call.send(204, Map.of(), null);
        }
    }

    void putObject(OssCall call) throws IOException {
        byte[] body = call.boundedBody(OssEndpoint.MAX_OBJECT_BYTES);
        if (body == null) {
            return;
        }
        if (!store.bucketExists(call.bucket())) {
            call.error(404, "NoSuchBucket", "The specified bucket does not exist.");
            return;
        }
        if (call.key().getBytes(StandardCharsets.UTF_8).length > 1023) {
            call.error(400, "InvalidObjectName", "The object name is too long.");
            return;
        }
        String md5 = call.request().getHeaders().get("Content-MD5");
        if (md5 != null && !md5.equals(base64Md5(body))) {
            call.error(400, "InvalidDigest", "The Content-MD5 you specified is not valid.");
            return;
        }
        String crc = call.request().getHeaders().get("x-oss-hash-crc64ecma");
        if (crc != null && !crc.equals(Crc64.of(body))) {
            call.error(400, "InvalidDigest", "The CRC64 you specified does not match the content.");
            return;
        }
        Map<String, String> userMetadata = new LinkedHashMap<>();
        for (HttpField field : call.request().getHeaders()) {
            if (field.getName().toLowerCase(Locale.ROOT).startsWith("x-oss-meta-")) {
                userMetadata.put(field.getName(), field.getValue());
            }
        }
        StoredObject stored = store.put(call.bucket(), call.key(), body,
                call.request().getHeaders().get(HttpHeader.CONTENT_TYPE), userMetadata);
        call.send(200, Map.of("ETag", quoted(stored.etag()), "x-oss-hash-crc64ecma", stored.crc64(),
                "Content-MD5", base64Md5(body)), null);
    }

    void getObject(OssCall call) {
        if (!store.bucketExists(call.bucket())) {
            call.error(404, "NoSuchBucket", "The specified bucket does not exist.");
            return;
        }
        Optional<StoredObject> object = store.find(call.bucket(), call.key());
        Optional<byte[]> content = object.isPresent() && !call.isHead()
                ? store.content(call.bucket(), call.key()) : Optional.empty();
        if (object.isEmpty() || (!call.isHead() && content.isEmpty())) {
            call.error(404, "NoSuchKey", "The specified key does not exist.");
            return;
        }
        StoredObject o = object.get();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", o.contentType());
        headers.put("ETag", quoted(o.etag()));
        headers.put("Last-Modified", HTTP_DATE.format(o.lastModified()));
        headers.put("x-oss-object-type", "Normal");
        headers.put("x-oss-storage-class", "Standard");
        headers.put("x-oss-hash-crc64ecma", o.crc64());
        headers.putAll(o.userMetadata());
        if (call.isHead()) {
            headers.put("Content-Length", Long.toString(o.size()));
            call.send(200, headers, null);
        } else {
            call.send(200, headers, content.get());
        }
    }

    void getObjectMeta(OssCall call) {
        Optional<StoredObject> object = store.bucketExists(call.bucket())
                ? store.find(call.bucket(), call.key()) : Optional.empty();
        if (object.isEmpty()) {
            call.error(404, store.bucketExists(call.bucket()) ? "NoSuchKey" : "NoSuchBucket", "Not found.");
            return;
        }
        StoredObject o = object.get();
        call.send(200, Map.of("ETag", quoted(o.etag()), "Content-Length", Long.toString(o.size()),
                "Last-Modified", HTTP_DATE.format(o.lastModified())), null);
    }

    void deleteObject(OssCall call) {
        if (!store.bucketExists(call.bucket())) {
            call.error(404, "NoSuchBucket", "The specified bucket does not exist.");
            return;
        }
        Optional<Faults.InjectedError> failure = faults.keyFailure(call.bucket(), call.key());
        if (failure.isPresent()) {
            call.error(failure.get().status(), failure.get().code(), "Injected failure for this key.");
            return;
        }
        store.delete(call.bucket(), call.key());
        call.send(204, Map.of(), null);
    }

    void deleteMultipleObjects(OssCall call) throws IOException {
        byte[] body = call.boundedBody(OssEndpoint.MAX_DELETE_BODY_BYTES);
        if (body == null) {
            return;
        }
        if (!store.bucketExists(call.bucket())) {
            call.error(404, "NoSuchBucket", "The specified bucket does not exist.");
            return;
        }
        String md5 = call.request().getHeaders().get("Content-MD5");
        if (md5 == null) {
            call.error(400, "MissingArgument", "Missing Content-MD5.");
            return;
        }
        if (!md5.equals(base64Md5(body))) {
            call.error(400, "InvalidDigest", "The Content-MD5 you specified is not valid.");
            return;
        }
        String encoding = call.query().first("encoding-type");
        if (encoding == null) {
            encoding = call.request().getHeaders().get("encoding-type");
        }
        boolean urlEncoded = "url".equalsIgnoreCase(encoding);
        boolean quiet;
        List<String> keys = new ArrayList<>();
        try {
            Document document = parseXml(body);
            Element root = document.getDocumentElement();
            if (!"Delete".equals(root.getTagName())) {
                throw new IllegalArgumentException("root is not Delete");
            }
            NodeList quietNodes = root.getElementsByTagName("Quiet");
            quiet = quietNodes.getLength() > 0 && "true".equalsIgnoreCase(quietNodes.item(0).getTextContent().trim());
            NodeList objects = root.getElementsByTagName("Object");
            for (int i = 0; i < objects.getLength(); i++) {
                NodeList keyNodes = ((Element) objects.item(i)).getElementsByTagName("Key");
                if (keyNodes.getLength() != 1 || keyNodes.item(0).getTextContent().isEmpty()) {
                    throw new IllegalArgumentException("an Object without one Key");
                }
                String key = keyNodes.item(0).getTextContent();
                keys.add(urlEncoded ? PercentCoding.decode(key) : key);
            }
        } catch (Exception e) {
            call.error(400, "MalformedXML", "The XML you provided was not well-formed or did not validate.");
            return;
        }
        if (keys.isEmpty() || keys.size() > OssEndpoint.MAX_KEYS) {
            call.error(400, "MalformedXML", "A Delete request holds 1 to " + OssEndpoint.MAX_KEYS + " keys.");
            return;
        }
        XmlText xml = new XmlText().open("DeleteResult");
        if (urlEncoded) {
            xml.element("EncodingType", "url");
        }
        for (String key : new LinkedHashSet<>(keys)) {
            if (faults.keyFailure(call.bucket(), key).isPresent()) {
                // OSS reports only the keys it deleted; a key it could not delete is simply absent.
                continue;
            }
            store.delete(call.bucket(), key);
            xml.open("Deleted").element("Key", urlEncoded ? PercentCoding.encode(key, true) : key).close("Deleted");
        }
        xml.close("DeleteResult");
        if (quiet) {
            call.send(200, Map.of(), null);
        } else {
            call.send(200, Map.of("Content-Type", "application/xml"), xml.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    void listObjectsV2(OssCall call) {
        if (!store.bucketExists(call.bucket())) {
            call.error(404, "NoSuchBucket", "The specified bucket does not exist.");
            return;
        }
        QueryParameters q = call.query();
        String prefix = q.first("prefix") == null ? "" : q.first("prefix");
        String delimiter = q.first("delimiter") == null || q.first("delimiter").isEmpty() ? null : q.first("delimiter");
        String startAfter = q.first("start-after");
        String token = q.first("continuation-token");
        boolean urlEncoded = "url".equalsIgnoreCase(q.first("encoding-type"));
        int maxKeys;
        try {
            maxKeys = q.first("max-keys") == null ? 100 : Integer.parseInt(q.first("max-keys"));
        } catch (NumberFormatException e) {
            maxKeys = -1;
        }
        if (maxKeys < 0 || maxKeys > OssEndpoint.MAX_KEYS) {
            call.error(400, "InvalidArgument", "max-keys must be between 0 and " + OssEndpoint.MAX_KEYS + ".");
            return;
        }
        ObjectListing page;
        try {
            page = ObjectListing.page(store.objects(call.bucket()), prefix, delimiter, startAfter, token, maxKeys);
        } catch (IllegalArgumentException e) {
            call.error(400, "InvalidArgument", "The continuation token is not valid.");
            return;
        }
        XmlText xml = new XmlText().open("ListBucketResult")
                .element("Name", call.bucket())
                .element("Prefix", encodeIf(urlEncoded, prefix))
                .element("MaxKeys", maxKeys)
                .element("Delimiter", delimiter == null ? null : encodeIf(urlEncoded, delimiter))
                .element("StartAfter", startAfter == null ? null : encodeIf(urlEncoded, startAfter))
                .element("ContinuationToken", token)
                .element("EncodingType", urlEncoded ? "url" : null)
                .element("IsTruncated", page.truncated())
                .element("KeyCount", page.keyCount())
                .element("NextContinuationToken", page.nextToken());
        for (StoredObject o : page.contents()) {
            xml.open("Contents")
                    .element("Key", encodeIf(urlEncoded, o.key()))
                    .element("LastModified", ISO_MILLIS.format(o.lastModified()))
                    .element("ETag", quoted(o.etag()))
                    .element("Type", "Normal")
                    .element("Size", o.size())
                    .element("StorageClass", "Standard")
                    .close("Contents");
        }
        for (String common : page.commonPrefixes()) {
            xml.open("CommonPrefixes").element("Prefix", encodeIf(urlEncoded, common)).close("CommonPrefixes");
        }
        xml.close("ListBucketResult");
        call.send(200, Map.of("Content-Type", "application/xml"), xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * One parser per request thread, reset for each body: a new DocumentBuilderFactory looks its
     * implementation up on the class path every time, and a new builder sets a parser up anew.
     */
    private static final ThreadLocal<DocumentBuilder> XML_PARSERS = ThreadLocal.withInitial(OssOperations::newXmlParser);

    private static DocumentBuilder newXmlParser() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured: " + e.getMessage(), e);
        }
    }

    private static Document parseXml(byte[] body) throws Exception {
        DocumentBuilder builder = XML_PARSERS.get();
        builder.reset(); // as newly built: nothing of the last body stays
        builder.setErrorHandler(null);
        return builder.parse(new ByteArrayInputStream(body));
    }

    private static String encodeIf(boolean urlEncoded, String text) {
        return urlEncoded ? PercentCoding.encode(text, true) : text;
    }

    private static String quoted(String etag) {
        return "\"" + etag + "\"";
    }

    static String base64Md5(byte[] body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
