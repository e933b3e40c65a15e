package dev.jwtsigner.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import dev.jwtsigner.TestKeys;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPrivateKeySpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class JwksPublisherTest {

  static final KeySource RSA = KeySource.fromPemText(TestKeys.pem("rsa2048.pem"));
  static final KeySource EC = KeySource.fromPemText(TestKeys.pem("p521.pem"));
  static final PublicKey RSA_PUBLIC = PublicKeys.parse(TestKeys.pem("rsa2048.pub.pem"));
  static final PublicKey EC_PUBLIC = PublicKeys.parse(TestKeys.pem("p521.pub.pem"));

  @Test
  void listsAPemKeyWithKtyKidAlgAndUseSig() throws Exception {
    JwksDocument jwks = JwksPublisher.of(RSA.withKeyId("key_1")).algorithm(JwsAlgorithm.RS512).document();

    JWK jwk = JWKSet.parse(jwks.json()).getKeyByKeyId("key_1");
    assertThat(jwk.getKeyType().getValue()).isEqualTo("RSA");
    assertThat(jwk.getAlgorithm().getName()).isEqualTo("RS512");
    assertThat(jwk.getKeyUse().identifier()).isEqualTo("sig");
    assertThat(jwk.toRSAKey().toPublicKey()).isEqualTo(RSA_PUBLIC);
    assertThat(jwks.keyIds()).containsExactly("key_1");
  }

  @Test
  void derivesTheP521PublicKeyFromThePrivateScalar() throws Exception {
    JwksDocument jwks = JwksPublisher.of(EC.withKeyId("ec")).document();

    JWK jwk = JWKSet.parse(jwks.json()).getKeyByKeyId("ec");
    assertThat(jwk.getAlgorithm().getName()).isEqualTo("ES512");
    assertThat(jwk.toECKey().getCurve().getName()).isEqualTo("P-521");
    assertThat(jwk.toECKey().toPublicKey()).isEqualTo(EC_PUBLIC);
  }

  @Test
  void neverPublishesAPrivateMember() throws Exception {
    RotatingKeySource keys = RotatingKeySource.builder().key("r", RSA).key("e", EC).build();
    String json = JwksPublisher.of(keys).document().json();

    Set<String> members = new TreeSet<>();
    for (JWK jwk : JWKSet.parse(json).getKeys()) {
      members.addAll(jwk.toJSONObject().keySet());
      assertThat(jwk.isPrivate()).isFalse();
    }
    assertThat(members).containsExactly("alg", "crv", "e", "kid", "kty", "n", "use", "x", "y");
    for (String privateMember : List.of("\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"", "\"oth\"", "\"k\"")) {
      assertThat(json).doesNotContain(privateMember);
    }
    RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) RSA.signingKey().privateKey();
    assertThat(json).doesNotContain(com.nimbusds.jose.util.Base64URL.encode(rsa.getPrivateExponent()).toString());
  }

  @Test
  void listsAKeyWithoutKidUnderItsThumbprint() {
    JwksDocument jwks = JwksPublisher.of(RSA).document();

    assertThat(jwks.keyIds()).containsExactly(PublicKeys.thumbprint(RSA_PUBLIC));
  }

  @Test
  void listsEveryKeyOfARotatingSourceInEveryState() {
    RotatingKeySource keys = RotatingKeySource.builder().key("key_1", RSA).build();
    JwksPublisher publisher = JwksPublisher.of(keys);
    keys.publish("key_2", EC);
    keys.activate("key_2");
    keys.publish("key_3", KeySource.of(KeyPairs.generate(JwsAlgorithm.RS256).getPrivate()));

    assertThat(Map.of("key_1", keys.state("key_1"), "key_2", keys.state("key_2"), "key_3", keys.state("key_3")))
        .containsEntry("key_1", RotatingKeySource.KeyState.RETIRING)
        .containsEntry("key_2", RotatingKeySource.KeyState.ACTIVE)
        .containsEntry("key_3", RotatingKeySource.KeyState.NEXT);
    assertThat(publisher.document().keyIds()).containsExactly("key_1", "key_2", "key_3");
    keys.remove("key_1");
    assertThat(publisher.document().keyIds()).containsExactly("key_2", "key_3");
  }

  @Test
  void changesTheEtagExactlyWhenTheKeySetChanges() {
    RotatingKeySource keys = RotatingKeySource.builder().key("key_1", RSA).build();
    JwksPublisher publisher = JwksPublisher.of(keys);
    JwksDocument first = publisher.document();

    assertThat(publisher.document()).isSameAs(first);
    keys.publish("key_2", EC);
    JwksDocument second = publisher.document();
    assertThat(second.etag()).isNotEqualTo(first.etag());
    keys.activate("key_2"); // states change, the published keys do not
    assertThat(publisher.document().etag()).isEqualTo(second.etag());
    keys.remove("key_1");
    assertThat(publisher.document().etag()).isNotIn(first.etag(), second.etag());
    assertThat(JwksPublisher.of(RotatingKeySource.builder().key("key_1", RSA).build()).document().etag())
        .as("the tag is the text's, so two publishers of one key set agree").isEqualTo(first.etag());
  }

  @Test
  void publishesAKeyStoreEntryWithItsCertificateKey() throws Exception {
    PrivateKey key = RSA.signingKey().privateKey();
    Certificate cert = CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(TestKeys.pem("rsa2048.cert.pem").getBytes(StandardCharsets.US_ASCII)));
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, "pw".toCharArray());
    store.setKeyEntry("jwt", key, "pw".toCharArray(), new Certificate[] {cert});

    String json = JwksPublisher.of(KeySource.fromKeyStore(store, "jwt", "pw".toCharArray()).withKeyId("ks")).document().json();

    assertThat(JWKSet.parse(json).getKeyByKeyId("ks").toRSAKey().toPublicKey()).isEqualTo(cert.getPublicKey());
  }

  @Test
  void refusesAKeyThatHidesItsPublicHalfAtCreation() throws Exception {
    RSAPrivateCrtKey crt = (RSAPrivateCrtKey) RSA.signingKey().privateKey();
    PrivateKey hidden = KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateKeySpec(crt.getModulus(), crt.getPrivateExponent()));
    SigningKey key = SigningKey.of(hidden).withKeyId("hsm");

    assertThatThrownBy(() -> JwksPublisher.of(() -> key))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_EXPORT_FAILED))
        .hasMessage("the public half of kid \"hsm\" (RSA 2048 bits) is unknown: the key hides its numbers (an HSM or key"
            + " store keeps it) and no certificate came with it. Fix: load it with KeySource.fromKeyStore from an entry"
            + " that holds its certificate.");
  }

  @Test
  void refusesANullOrNegativeCacheTime() {
    JwksPublisher publisher = JwksPublisher.of(RSA.withKeyId("k"));

    assertThatThrownBy(() -> publisher.httpHandler(null))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
        .hasMessage("maxAge is null. Fix: pass zero or a positive Duration, such as Duration.ofMinutes(5).");
    assertThatThrownBy(() -> publisher.httpHandler(java.time.Duration.ofSeconds(-1)))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
        .hasMessage("maxAge is PT-1S. Fix: pass zero or a positive Duration, such as Duration.ofMinutes(5).");
    assertThat(publisher.httpHandler(java.time.Duration.ZERO)).isNotNull();
  }

  @Test
  void toStringNamesTheSourceAndTheAlgorithmWhenOneIsSet() {
    KeySource source = RSA.withKeyId("k");

    assertThat(JwksPublisher.of(source)).hasToString("JwksPublisher[" + source + "]");
    assertThat(JwksPublisher.of(source).algorithm(JwsAlgorithm.RS512)).hasToString("JwksPublisher[" + source + ", RS512]");
  }

  @Test
  void refusesAnAlgorithmTheKeyCannotSign() {
    JwksPublisher publisher = JwksPublisher.of(EC.withKeyId("ec"));

    assertThatThrownBy(() -> publisher.algorithm(JwsAlgorithm.RS256))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
        .hasMessage("kid \"ec\" is EC P-521, which cannot sign RS256. Fix: publish RSA keys for RS256 or RS512 and P-521 keys for ES512.");
  }

  @Test
  void publishesTheCurrentKeyOfAReloadingSource(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path file = dir.resolve("key.pem");
    java.nio.file.Files.writeString(file, TestKeys.pem("rsa2048.pem"));
    dev.jwtsigner.keys.ReloadingKeySource reloading = ReloadingKeySource.builder(file).keyId("live").checkInterval(java.time.Duration.ZERO).build();
    JwksPublisher publisher = JwksPublisher.of(reloading);
    assertThat(JWKSet.parse(publisher.document().json()).getKeyByKeyId("live").toRSAKey().toPublicKey()).isEqualTo(RSA_PUBLIC);

    java.nio.file.Files.writeString(file, TestKeys.pem("p521.pem"));
    java.nio.file.Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));

    assertThat(JWKSet.parse(publisher.document().json()).getKeyByKeyId("live").toECKey().toPublicKey()).isEqualTo(EC_PUBLIC);
  }
}
