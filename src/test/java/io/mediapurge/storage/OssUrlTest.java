package io.mediapurge.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every URL form DeleteMediaInfos may receive: what is accepted as which object, and why the rest is not. */
class OssUrlTest {

    static final String SERVICE_REGION = "cn-shanghai";

    static Stream<Arguments> accepted() {
        return Stream.of(
                // input, bucket, key, region
                Arguments.of("https://media.oss-cn-hangzhou.aliyuncs.com/videos/a.mp4", "media", "videos/a.mp4", "cn-hangzhou"),
                Arguments.of("http://media.oss-cn-hangzhou.aliyuncs.com/videos/a.mp4", "media", "videos/a.mp4", "cn-hangzhou"),
                Arguments.of("https://media.oss-cn-beijing-internal.aliyuncs.com/a.mp4", "media", "a.mp4", "cn-beijing"),
                Arguments.of("https://my-bucket-01.oss-ap-southeast-1.aliyuncs.com/x/y/z.jpg", "my-bucket-01", "x/y/z.jpg", "ap-southeast-1"),
                Arguments.of("https://media.oss-cn-hangzhou.aliyuncs.com/a.mp4?", "media", "a.mp4", "cn-hangzhou"),
                Arguments.of("https://media.oss-cn-hangzhou.aliyuncs.com/a.mp4?Expires=1&Signature=x%2F", "media", "a.mp4", "cn-hangzhou"),
                Arguments.of("https://media.oss-cn-hangzhou.aliyuncs.com/a.mp4#t=10", "media", "a.mp4", "cn-hangzhou"),
                Arguments.of("https://media.oss-cn-hangzhou.aliyuncs.com/my%20video.mp4", "media", "my video.mp4", "cn-hangzhou"),
                Arguments.of("https://media.oss-cn-hangzhou.aliyuncs.com/a+b.mp4", "media", "a+b.mp4", "cn-hangzhou"),
                Arguments.of("https://media.oss-cn-hangzhou.aliyuncs.com/%E8%A7%86%E9%A2%91.mp4", "media", "视频.mp4", "cn-hangzhou"),
                Arguments.of("https://media.oss-cn-hangzhou.aliyuncs.com/视频/封面.jpg", "media", "视频/封面.jpg", "cn-hangzhou"),
                Arguments.of("https://media.oss-cn-hangzhou.aliyuncs.com/a%252Fb.mp4", "media", "a%2Fb.mp4", "cn-hangzhou"),
                Arguments.of("https://media.oss-cn-hangzhou.aliyuncs.com/a%3Fb.mp4", "media", "a?b.mp4", "cn-hangzhou"),
                Arguments.of("HTTPS://Media.OSS-CN-Hangzhou.Aliyuncs.COM/Case/Kept.MP4", "media", "Case/Kept.MP4", "cn-hangzhou"),
                Arguments.of("  https://media.oss-cn-hangzhou.aliyuncs.com/trimmed.mp4 ", "media", "trimmed.mp4", "cn-hangzhou"),
                Arguments.of("https://media.oss-cn-hangzhou.aliyuncs.com/dir/", "media", "dir/", "cn-hangzhou"),
                Arguments.of("https://media.oss-cn-hangzhou.aliyuncs.com/a..b/c...mp4", "media", "a..b/c...mp4", "cn-hangzhou"),
                Arguments.of("oss://media/videos/a.mp4", "media", "videos/a.mp4", SERVICE_REGION),
                Arguments.of("OSS://media/videos/a.mp4?versionId=1", "media", "videos/a.mp4", SERVICE_REGION),
                Arguments.of("oss://abc/%E2%82%AC", "abc", "€", SERVICE_REGION));
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                // input, a word the reason must contain
                Arguments.of(null, "empty"),
                Arguments.of("", "empty"),
                Arguments.of("   ", "empty"),
                Arguments.of("media/videos/a.mp4", "absolute"),
                Arguments.of("file:///etc/passwd", "scheme"),
                Arguments.of("ftp://media.oss-cn-hangzhou.aliyuncs.com/a.mp4", "scheme"),
                Arguments.of("javascript://alert(1)", "scheme"),
                Arguments.of("https://example.com/a.mp4", "not an OSS host"),
                Arguments.of("https://127.0.0.1/a.mp4", "not an OSS host"),
                Arguments.of("https://[::1]/a.mp4", "not an OSS host"),
                Arguments.of("https://169.254.169.254/latest/meta-data", "not an OSS host"),
                Arguments.of("https://media.oss-cn-hangzhou.aliyuncs.com.evil.com/a.mp4", "not an OSS host"),
                Arguments.of("https://evil.com/media.oss-cn-hangzhou.aliyuncs.com/a.mp4", "not an OSS host"),
                Arguments.of("https://oss-cn-hangzhou.aliyuncs.com/media/a.mp4", "not an OSS host"),
                Arguments.of("https://a.b.oss-cn-hangzhou.aliyuncs.com/a.mp4", "not an OSS host"),
                Arguments.of("https://user:pw@media.oss-cn-hangzhou.aliyuncs.com/a.mp4", "user"),
                Arguments.of("https://media.oss-cn-hangzhou.aliyuncs.com@evil.com/a.mp4", "user"),
                Arguments.of("https://media.oss-cn-hangzhou.aliyuncs.com:8080/a.mp4", "port"),
                Arguments.of("https://media.oss-accelerate.aliyuncs.com/a.mp4", "region"),
                Arguments.of("https://media.oss-CN_HANGZHOU.aliyuncs.com/a.mp4", "not an OSS host"),
                Arguments.of("https://ab.oss-cn-hangzhou.aliyuncs.com/a.mp4", "bucket"),
                Arguments.of("https://-media.oss-cn-hangzhou.aliyuncs.com/a.mp4", "bucket"),
                Arguments.of("oss://Media/a.mp4", "bucket"),
                Arguments.of("oss://my_bucket/a.mp4", "bucket"),
                Arguments.of("oss://" + "b".repeat(64) + "/a.mp4", "bucket"),
                Arguments.of("https://media.oss-cn-hangzhou.aliyuncs.com/", "empty object key"),
                Arguments.of("https://media.oss-cn-hangzhou.aliyuncs.com", "empty object key"),
                Arguments.of("https://media.oss-cn-hangzhou.aliyuncs.com/?key", "empty object key"),
                Arguments.of("oss://media", "empty object key"),
                Arguments.of("https://media.oss-cn-hangzhou.aliyuncs.com/../etc/passwd", "dot segment"),
                Arguments.of("https://media.oss-cn-hangzhou.aliyuncs.com/a/%2E%2E/b", "dot segment"),
                Arguments.of("oss://media/a/./b", "dot segment"),
                Arguments.of("https://media.oss-cn-hangzhou.aliyuncs.com//a.mp4", "slash"),
                Arguments.of("https://media.oss-cn-hangzhou.aliyuncs.com/%2Fa.mp4", "slash"),
                Arguments.of("https://media.oss-cn-hangzhou.aliyuncs.com/a\\b.mp4", "backslash"),
                Arguments.of("https://media.oss-cn-hangzhou.aliyuncs.com/a%5Cb.mp4", "backslash"),
                Arguments.of("https://media.oss-cn-hangzhou.aliyuncs.com/a%0Ab.mp4", "control"),
                Arguments.of("https://media.oss-cn-hangzhou.aliyuncs.com/a%00.mp4", "control"),
                Arguments.of("https://media.oss-cn-hangzhou.aliyuncs.com/a\tb.mp4", "control"),
                Arguments.of("https://media.oss-cn-hangzhou.aliyuncs.com/my video.mp4", "space"),
                Arguments.of("https://media.oss-cn-hangzhou.aliyuncs.com/a%zz.mp4", "percent"),
                Arguments.of("https://media.oss-cn-hangzhou.aliyuncs.com/a%E8.mp4", "UTF-8"),
                Arguments.of("https://media.oss-cn-hangzhou.aliyuncs.com/a%", "percent"),
                Arguments.of("https://med%69a.oss-cn-hangzhou.aliyuncs.com/a.mp4", "host"),
                Arguments.of("https://media.oss-cn-hangzhou.aliyuncs.com/" + "k".repeat(1024), "longer than 1023"),
                Arguments.of("https://media.oss-cn-hangzhou.aliyuncs.com/" + "k".repeat(5000), "longer than 4096"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource
    void accepted(String input, String bucket, String key, String region) {
        OssUrl.Parsed parsed = OssUrl.parse(input, SERVICE_REGION);
        OssUrl url = assertInstanceOf(OssUrl.Accepted.class, parsed, () -> "rejected: " + parsed).url();
        assertEquals(new OssUrl(bucket, key, region), url);
        assertEquals(input, parsed.input(), "the input is echoed as written");
        OssUrl.Parsed again = OssUrl.parse(url.canonical(), region);
        assertEquals(new OssUrl.Accepted(url.canonical(), url), again, "the canonical form parses to the same URL");
        assertEquals(url, ((OssUrl.Accepted) OssUrl.parse(url.httpsUrl(), "xx-unused")).url());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource
    void rejected(String input, String reasonWord) {
        OssUrl.Parsed parsed = OssUrl.parse(input, SERVICE_REGION);
        OssUrl.Rejected rejected = assertInstanceOf(OssUrl.Rejected.class, parsed, () -> "accepted: " + parsed);
        assertTrue(rejected.reason().contains(reasonWord), () -> "reason \"" + rejected.reason() + "\"");
        assertEquals(input, rejected.input());
    }

    @Test
    void canonicalFormEncodesWhatWouldBeReadAsQueryOrFragment() {
        OssUrl url = new OssUrl("media", "a?b#c d/视频", SERVICE_REGION);
        assertEquals("oss://media/a%3Fb%23c%20d/%E8%A7%86%E9%A2%91", url.canonical());
        assertEquals(new OssObject("media", "a?b#c d/视频"), url.object());
    }

    @Test
    void ossUrlsNeedAServiceRegion() {
        assertInstanceOf(OssUrl.Rejected.class, OssUrl.parse("oss://media/a.mp4", null));
    }
}
