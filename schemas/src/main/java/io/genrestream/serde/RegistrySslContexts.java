package io.genrestream.serde;

import org.apache.kafka.common.config.ConfigException;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;

/** Builds the {@link SSLContext} for an HTTPS schema registry from the {@code schema.registry.ssl.*} settings. */
final class RegistrySslContexts {

    private RegistrySslContexts() {
    }

    static SSLContext create(SchemaRegistryClientConfig.TlsSettings tls) {
        try {
            TrustManagerFactory trust = null;
            if (tls.truststoreLocation().isPresent()) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(tls.truststoreLocation().get(), tls.truststorePassword(), tls.truststoreType(),
                        SchemaRegistryClientConfig.SSL_TRUSTSTORE_LOCATION));
            }
            KeyManagerFactory keys = null;
            if (tls.keystoreLocation().isPresent()) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                char[] keyPassword = tls.keyPassword().or(tls::keystorePassword).map(String::toCharArray).orElse(new char[0]);
                keys.init(load(tls.keystoreLocation().get(), tls.keystorePassword(), tls.keystoreType(),
                        SchemaRegistryClientConfig.SSL_KEYSTORE_LOCATION), keyPassword);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ConfigException("Cannot set up TLS for the schema registry from " + tls + ": " + e.getMessage());
        }
    }

    private static KeyStore load(String location, Optional<String> password, String type, String key) {
        Path path = Path.of(location);
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password.map(String::toCharArray).orElse(null));
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(key, location, "cannot load " + type + " store: " + e.getMessage());
        }
    }
}
