package io.maximbatch.maxim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS trust for the MaxIM client: the JDK's certificate authorities, plus those of a PEM file when one is given
 * (a company CA in front of MaxIM). Certificates and host names are always verified; there is no way around that.
 */
public final class TrustedCertificates {

    private TrustedCertificates() {
    }

    /** An SSL context trusting the JDK's authorities and every certificate in the PEM file. */
    public static SSLContext withExtraAuthorities(Path pemFile) {
        Collection<? extends Certificate> extra = read(pemFile);
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate authority : jdkAuthorities().getAcceptedIssuers()) {
                store.setCertificateEntry("jdk-" + n++, authority);
            }
            for (Certificate certificate : extra) {
                store.setCertificateEntry("extra-" + n++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS with the authorities of " + pemFile + ": " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> read(Path pemFile) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("maxim.tls.ca-file " + pemFile + " holds no certificate (PEM expected)");
            }
            return certificates;
        } catch (IOException e) {
            throw new IllegalArgumentException("maxim.tls.ca-file " + pemFile + " cannot be read: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("maxim.tls.ca-file " + pemFile + " is not a PEM certificate file: " + e.getMessage(), e);
        }
    }

    private static X509TrustManager jdkAuthorities() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (var manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JDK has no X.509 trust manager");
    }
}
