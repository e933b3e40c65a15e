package dev.jwtsigner.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import dev.jwtsigner.TestKeys;
import org.junit.jupiter.api.Test;

class KeySourceTest {

  @Test
  void loadsPkcs8RsaPemText() {
    SigningKey key = KeySource.fromPemText(TestKeys.pem("rsa2048.pem")).signingKey();
    assertThat(key.privateKey().getAlgorithm()).isEqualTo("RSA");
    assertThat(key.keyId()).isEmpty();
    assertThat(key).hasToString("SigningKey[RSA 2048 bits]");
  }

  @Test
  void attachesTheKeyIdToEveryKey() {
    KeySource source = KeySource.fromPemText(TestKeys.pem("p521.pem")).withKeyId("key-2");
    assertThat(source.signingKey().keyId()).contains("key-2");
    assertThat(source.signingKey()).hasToString("SigningKey[EC P-521, kid=key-2]");
  }

  @Test
  void lambdaSourceGetsKeyIdToo() {
    SigningKey base = KeySource.fromPemText(TestKeys.pem("rsa2048.pem")).signingKey();
    KeySource custom = () -> base;
    assertThat(custom.withKeyId("k").signingKey().keyId()).contains("k");
  }

  @Test
  void rejectsBlankKeyId() {
    KeySource source = KeySource.fromPemText(TestKeys.pem("rsa2048.pem"));
    assertThatThrownBy(() -> source.withKeyId("  "))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_ID_INVALID))
        .hasMessageStartingWith("kid is blank.");
  }

  @Test
  void rejectsRsaBelow2048Bits() {
    assertThatThrownBy(() -> KeySource.fromPemText(TestKeys.pem("rsa1024.pem")))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_TOO_SHORT))
        .hasMessageStartingWith("RSA key has 1024 bits; at least 2048 are required (RFC 7518 section 3.3). Fix: make one with");
  }

  @Test
  void rejectsEcKeyNotOnP521() {
    assertThatThrownBy(() -> KeySource.fromPemText(TestKeys.pem("p256.pem")))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_CURVE_UNSUPPORTED))
        .hasMessageStartingWith("EC key is on a 256-bit curve; ES512 needs P-521 (secp521r1).");
  }

  @Test
  void rejectsEd25519() {
    assertThatThrownBy(() -> KeySource.fromPemText(TestKeys.pem("ed25519.pem")))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_TYPE_UNSUPPORTED))
        .hasMessageContaining("cannot sign RS256, RS512 or ES512");
  }

  @Test
  void rejectsPublicKeyWhereAPrivateKeyBelongs() {
    assertThatThrownBy(() -> KeySource.fromPemText(TestKeys.pem("rsa2048.pub.pem")))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_NOT_PRIVATE))
        .hasMessageStartingWith("PEM text holds only a public key or certificate");
  }

  @Test
  void rejectsEmptyAndGarbledText() {
    assertThatThrownBy(() -> KeySource.fromPemText(""))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_MALFORMED))
        .hasMessageStartingWith("PEM text is empty");
    assertThatThrownBy(() -> KeySource.fromPemText("hello"))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_MALFORMED))
        .hasMessageStartingWith("PEM text holds no PEM private key block.");
  }

  @Test
  void rejectsTruncatedPemWithoutEchoingIt() {
    String pem = TestKeys.pem("rsa2048.pem");
    String truncated = pem.substring(0, pem.length() / 2) + "\n-----END PRIVATE KEY-----\n";
    assertThatThrownBy(() -> KeySource.fromPemText(truncated))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.KEY_MALFORMED);
          assertThat(e.getMessage()).doesNotContain(pem.lines().skip(1).findFirst().orElseThrow());
        });
  }
}
