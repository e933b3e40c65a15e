package dev.jwtsigner.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import dev.jwtsigner.TestKeys;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * {@link KeyStoreKeys} over PKCS#12 stores made in-process with the JDK's {@code KeyStore} API from the saved
 * OpenSSL-made keys and certificates; fast and tool-free, so PIT runs it. {@link KeyStoreKeysTest} covers
 * keys inside a real HSM (SoftHSM2 over PKCS#11).
 */
class KeyStoreKeysPkcs12Test {

  private static final char[] PASS = "changeit".toCharArray();

  @Test
  void thePublishedPublicKeyIsTheEntrysCertificateKey() throws Exception {
    KeyStore store = store();
    Certificate cert = certificate("rsa2048.cert.pem");

    assertThat(KeyStoreKeys.certificateKey(store, "jwt")).isEqualTo(cert.getPublicKey());
    assertThat(((Publishable) KeySource.fromKeyStore(store, "jwt", PASS)).published())
        .singleElement().satisfies(p -> assertThat(p.publicKey()).isEqualTo(cert.getPublicKey()));
  }

  @Test
  void hasNoCertificateKeyForAnUnknownAliasOrAStoreThatIsNotLoaded() throws Exception {
    assertThat(KeyStoreKeys.certificateKey(store(), "nope")).isNull();
    assertThat(KeyStoreKeys.certificateKey(KeyStore.getInstance("PKCS12"), "jwt")).isNull();
  }

  @Test
  void refusesASecretKeyEntry() throws Exception {
    KeyStore store = store();
    store.setEntry("hmac", new KeyStore.SecretKeyEntry(new SecretKeySpec(new byte[32], "AES")),
        new KeyStore.PasswordProtection(PASS));

    assertThatThrownBy(() -> KeyStoreKeys.read(store, "hmac", PASS))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_TYPE_UNSUPPORTED))
        .hasMessage("key store PKCS12 entry \"hmac\" holds a secret (symmetric) AES key; RS256, RS512 and ES512 sign with a"
            + " private key. Fix: " + KeyChecks.MAKE_RSA + ", and import it with its certificate.");
  }

  @Test
  void checksTheCertificatesKeyToo() throws Exception {
    // an HSM key may hide its size or curve, so the entry's certificate is checked as well: here it holds P-256
    KeyStore store = store();
    store.setKeyEntry("mismatched", key("rsa2048.pem"), PASS, new Certificate[] {certificate("p256.cert.pem")});

    assertThatThrownBy(() -> KeyStoreKeys.read(store, "mismatched", PASS))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_CURVE_UNSUPPORTED))
        .hasMessageStartingWith("EC key is on a 256-bit curve; ES512 needs P-521 (secp521r1).");
  }

  @Test
  void refusesANullStoreOrAlias() throws Exception {
    assertThatThrownBy(() -> KeyStoreKeys.read(null, "jwt", PASS))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
        .hasMessage("keyStore is null. Fix: pass a loaded KeyStore and the alias of its private key entry.");
    KeyStore store = store();
    assertThatThrownBy(() -> KeyStoreKeys.read(store, null, PASS))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
        .hasMessage("alias is null. Fix: pass a loaded KeyStore and the alias of its private key entry.");
  }

  private static KeyStore store() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, PASS);
    store.setKeyEntry("jwt", key("rsa2048.pem"), PASS, new Certificate[] {certificate("rsa2048.cert.pem")});
    return store;
  }

  private static PrivateKey key(String file) {
    return KeySource.fromPemText(TestKeys.pem(file)).signingKey().privateKey();
  }

  private static Certificate certificate(String file) throws Exception {
    return CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(TestKeys.pem(file).getBytes(StandardCharsets.US_ASCII)));
  }
}
