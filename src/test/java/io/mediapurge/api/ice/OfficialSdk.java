package io.mediapurge.api.ice;

import java.net.URL;

import com.aliyun.ice20201109.Client;
import com.aliyun.teaopenapi.models.Config;

/** The official IMS SDK client, pointed at the deployed application (client side only). */
public final class OfficialSdk {

    private OfficialSdk() {
    }

    /** The SDK's default signature (v1, HMAC-SHA1). */
    public static Client v1(URL base, String accessKeyId, String secret) throws Exception {
        Config config = new Config().setAccessKeyId(accessKeyId).setAccessKeySecret(secret)
                .setEndpoint(base.getHost() + ":" + base.getPort()).setProtocol("HTTP")
                .setReadTimeout(30_000).setConnectTimeout(5_000);
        return new Client(config);
    }

    /** The same client forced to ACS3-HMAC-SHA256, as newer SDKs sign. */
    public static Client v3(URL base, String accessKeyId, String secret) throws Exception {
        Client client = v1(base, accessKeyId, secret);
        client._signatureAlgorithm = null;
        return client;
    }
}
