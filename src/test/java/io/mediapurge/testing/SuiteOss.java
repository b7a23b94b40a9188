package io.mediapurge.testing;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.common.comm.SignVersion;

import io.mediapurge.devservices.OssEndpoint;

/**
 * The Arquillian suite server's embedded OSS endpoint, reached from the tests with the plain OSS
 * SDK and the documented development credentials, as any independent client would.
 */
public final class SuiteOss {

    static final String PORT_PROPERTY = "mediapurge.test.devOssPort";

    private SuiteOss() {
    }

    public static String endpoint() {
        return "http://127.0.0.1:" + System.getProperty(PORT_PROPERTY);
    }

    /**
     * Applies fault commands through the endpoint's loopback admin path; answers the HTTP status,
     * or -1 when an outage the commands start cut off the answer itself.
     */
    public static int faults(String commands) throws Exception {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(endpoint() + "/_admin/faults"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(commands)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException cutOff) {
            return -1;
        }
    }

    /** Clears every fault; an outage that refuses connections also refuses this, so it is asked until answered. */
    public static void clearFaults() throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(70).toNanos();
        while (true) {
            try {
                java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create(endpoint() + "/_admin/faults")).DELETE().build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
                return;
            } catch (java.io.IOException refused) {
                if (System.nanoTime() > deadline) {
                    throw refused;
                }
                java.util.concurrent.TimeUnit.MILLISECONDS.sleep(200);
            }
        }
    }

    public static OSS client() {
        ClientBuilderConfiguration configuration = new ClientBuilderConfiguration();
        configuration.setSignatureVersion(SignVersion.V4);
        return OSSClientBuilder.create().endpoint(endpoint())
                .credentialsProvider(new com.aliyun.oss.common.auth.DefaultCredentialProvider(
                        OssEndpoint.DEV_ACCESS_KEY_ID, OssEndpoint.DEV_ACCESS_KEY_SECRET))
                .clientConfiguration(configuration).region("cn-shanghai").build();
    }
}
