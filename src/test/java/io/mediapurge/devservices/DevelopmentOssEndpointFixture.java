package io.mediapurge.devservices;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;

import io.mediapurge.database.SqlDialect;

/** Drives the development endpoint bean as the container would, for tests in other packages. */
public final class DevelopmentOssEndpointFixture {

    private DevelopmentOssEndpointFixture() {
    }

    /** MicroProfile Config over a map, enough for {@code getOptionalValue(name, String.class)}. */
    public static Config config(Map<String, String> values) {
        return (Config) Proxy.newProxyInstance(Config.class.getClassLoader(), new Class<?>[] {Config.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getOptionalValue") && args[1] == String.class) {
                        return Optional.ofNullable(values.get((String) args[0]));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** The bean after injection and {@code @PostConstruct}, beside the embedded H2 database. */
    public static DevelopmentOssEndpoint started(Config config) {
        DevelopmentOssEndpoint bean = new DevelopmentOssEndpoint();
        bean.config = config;
        bean.database = new SqlDialect() {
            @Override
            public boolean postgreSql() {
                return false; // the embedded default, where the development endpoint is wanted
            }
        };
        bean.start();
        return bean;
    }

    /** The bean's {@code @PreDestroy}. */
    public static void stop(DevelopmentOssEndpoint bean) {
        bean.stop();
    }
}
