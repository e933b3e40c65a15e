package dev.jwtsigner.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.TestKeys;
import dev.jwtsigner.keys.Publishable.Published;
import dev.jwtsigner.keys.RotatingKeySource.KeyState;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import org.junit.jupiter.api.Test;

class KeyIdSourceTest {

  private static final KeySource RSA = KeySource.fromPemText(TestKeys.pem("rsa2048.pem"));

  @Test
  void givesTheUnderlyingKeyUnderItsKidTheSameInstanceWhileTheKeyStays() {
    KeySource plain = RSA::signingKey; // a source of the user's own: KeySource.withKeyId wraps it
    KeySource withKid = plain.withKeyId("key_1");

    SigningKey key = withKid.signingKey();

    assertThat(withKid).isInstanceOf(KeyIdSource.class);
    assertThat(key.keyId()).contains("key_1");
    assertThat(key.privateKey()).isSameAs(RSA.signingKey().privateKey());
    assertThat(withKid.signingKey()).isSameAs(key);
    assertThat(withKid.withKeyId("key_2").signingKey().keyId()).contains("key_2");
  }

  @Test
  void publishesItsKeyAsTheActiveOneWithThePublicHalfTheUnderlyingSourceKnows() throws Exception {
    Certificate cert = CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(TestKeys.pem("rsa2048.cert.pem").getBytes(StandardCharsets.US_ASCII)));
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, "pw".toCharArray());
    store.setKeyEntry("jwt", RSA.signingKey().privateKey(), "pw".toCharArray(), new Certificate[] {cert});
    PublicKey fromCertificate = cert.getPublicKey();

    KeyIdSource source = new KeyIdSource(KeySource.fromKeyStore(store, "jwt", "pw".toCharArray()), "ks");

    assertThat(source.published()).singleElement().satisfies(p -> {
      assertThat(p.keyId()).isEqualTo("ks");
      assertThat(p.key()).isSameAs(source.signingKey());
      assertThat(p.publicKey()).isEqualTo(fromCertificate);
      assertThat(p.state()).isEqualTo(KeyState.ACTIVE);
    });
    assertThat(source.publishedAs(KeyState.RETIRING).state()).isEqualTo(KeyState.RETIRING);
  }

  @Test
  void knowsNoPublicHalfWhenTheUnderlyingSourcePublishesSeveralKeys() {
    RotatingKeySource two = RotatingKeySource.builder().key("a", RSA).key("b", KeySource.fromPemText(TestKeys.pem("p521.pem")))
        .build();

    Published published = new KeyIdSource(two, "c").publishedAs(KeyState.ACTIVE);

    assertThat(Publishable.of(two)).hasSize(2);
    assertThat(published.publicKey()).isNull();
    assertThat(published.keyId()).isEqualTo("c");
  }

  @Test
  void toStringNamesTheSourceAndTheKid() {
    assertThat(new KeyIdSource(RSA, "key_1")).hasToString("KeySource.fromPemText[SigningKey[RSA 2048 bits]].withKeyId(key_1)");
  }
}
