package dev.jwtsigner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.keys.KeySource;
import dev.jwtsigner.testkit.FakeKeys;
import java.security.PrivateKey;
import org.junit.jupiter.api.Test;

class KeyFactsTest {

  @Test
  void namesEachPemFormWithoutDecryptingIt() {
    assertThat(KeyFacts.of(FakeKeys.rsa2048().privateKeyPem())).isEqualTo(new KeyFacts("PKCS#8 PEM (PRIVATE KEY)", true, false));
    assertThat(KeyFacts.of(FakeKeys.rsa2048().privateKeyTraditionalPem()))
        .isEqualTo(new KeyFacts("PKCS#1 PEM (RSA PRIVATE KEY)", true, false));
    assertThat(KeyFacts.of(FakeKeys.p521().privateKeyTraditionalPem())).isEqualTo(new KeyFacts("SEC1 PEM (EC PRIVATE KEY)", true, false));
    assertThat(KeyFacts.of("-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n"))
        .isEqualTo(new KeyFacts("encrypted PKCS#8 PEM (ENCRYPTED PRIVATE KEY)", true, true));
    assertThat(KeyFacts.of("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nMIIB\n-----END RSA PRIVATE KEY-----\n"))
        .isEqualTo(new KeyFacts("PKCS#1 PEM (RSA PRIVATE KEY), legacy encrypted (Proc-Type: 4,ENCRYPTED)", true, true));
    assertThat(KeyFacts.of(FakeKeys.rsa2048().rsaPublicKeyPem().orElseThrow()))
        .isEqualTo(new KeyFacts("PKCS#1 PEM (RSA PUBLIC KEY)", false, false));
  }

  @Test
  void aCertificateBundleIsNamedByItsKey() {
    String bundle = FakeKeys.rsa2048().certificatePem() + FakeKeys.rsa2048().privateKeyPem();

    assertThat(KeyFacts.of(bundle)).isEqualTo(new KeyFacts("PKCS#8 PEM (PRIVATE KEY)", true, false));
    assertThat(KeyFacts.of(FakeKeys.rsa2048().certificatePem())).isEqualTo(new KeyFacts("X.509 certificate PEM", false, false));
  }

  @Test
  void readsWhetherAnOpenSshKeyIsEncryptedFromItsCipherName() {
    assertThat(KeyFacts.of(FakeKeys.p521().privateKeyOpenSsh()).encrypted()).isFalse();
    // "openssh-key-v1\0", then the cipher name as an SSH string: aes256-ctr
    String encrypted = "-----BEGIN OPENSSH PRIVATE KEY-----\n"
        + java.util.Base64.getEncoder().encodeToString(concat("openssh-key-v1\0".getBytes(), new byte[] {0, 0, 0, 10}, "aes256-ctr".getBytes()))
        + "\n-----END OPENSSH PRIVATE KEY-----\n";
    assertThat(KeyFacts.of(encrypted)).isEqualTo(new KeyFacts("OpenSSH private key (OPENSSH PRIVATE KEY)", true, true));
  }

  @Test
  void tellsJsonAndOpenSshLinesApart() {
    assertThat(KeyFacts.of(FakeKeys.rsa2048().jwks()).format()).isEqualTo("JWKS (JSON Web Key Set)");
    assertThat(KeyFacts.of("{\"kty\":\"RSA\",\"n\":\"x\",\"e\":\"AQAB\",\"d\":\"y\"}")).isEqualTo(new KeyFacts("JWK (JSON Web Key)", true, false));
    assertThat(KeyFacts.of(FakeKeys.rsa2048().publicKeyOpenSsh()).format()).isEqualTo("OpenSSH public key line");
    assertThat(KeyFacts.of("hello").format()).isEqualTo("unknown (no PEM block, JWK or OpenSSH line)");
  }

  @Test
  void derivesThePublicHalfOfRsaAndEcKeys() {
    for (var key : new dev.jwtsigner.testkit.FakeKeyPair[] {FakeKeys.rsa2048(), FakeKeys.p521()}) {
      PrivateKey loaded = KeySource.fromPemText(key.privateKeyPem()).signingKey().privateKey();
      assertThat(KeyFacts.publicOf(loaded)).isEqualTo(key.publicKey());
    }
    assertThat(KeyFacts.describe(FakeKeys.p521().publicKey())).isEqualTo("EC, P-521");
    assertThat(KeyFacts.describe(FakeKeys.rsa4096().publicKey())).isEqualTo("RSA, 4096 bits");
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
