package dev.jwtsigner.keys;

import static dev.jwtsigner.keys.ExternalTools.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RSA-PSS keys, made by openssl and keytool, are refused when the source is created. */
class KeyChecksTest {

  static final String PSS_REFUSED = "the key is an RSA-PSS key (RSASSA-PSS), which cannot sign RS256 or RS512: those need a"
      + " plain RSA key (rsaEncryption). Fix: make one with `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:4096"
      + " -out private.pem` or `ssh-keygen -t rsa -b 4096 -m PEM -P \"\" -f jwtRS512.key` (not -algorithm RSA-PSS, not"
      + " keytool -keyalg RSASSA-PSS).";

  @TempDir
  Path dir;

  @ParameterizedTest(name = "restricted digest: {0}")
  @ValueSource(booleans = {false, true})
  void refusesOpensslRsaPssKeysAndTheirPublicKeys(boolean restricted) throws Exception {
    ExternalTools.require("openssl");
    if (restricted) {
      run(dir, "openssl", "genpkey", "-algorithm", "RSA-PSS", "-pkeyopt", "rsa_keygen_bits:2048",
          "-pkeyopt", "rsa_pss_keygen_md:sha256", "-pkeyopt", "rsa_pss_keygen_mgf1_md:sha256",
          "-pkeyopt", "rsa_pss_keygen_saltlen:32", "-out", "pss.pem");
    } else {
      run(dir, "openssl", "genpkey", "-algorithm", "RSA-PSS", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "pss.pem");
    }
    run(dir, "openssl", "pkey", "-in", "pss.pem", "-pubout", "-out", "pss.pub.pem");

    assertThatThrownBy(() -> KeySource.fromPem(dir.resolve("pss.pem"))).satisfies(KeyChecksTest::isPssRefusal);
    assertThatThrownBy(() -> KeySource.fromPemText(Files.readString(dir.resolve("pss.pem")))).satisfies(KeyChecksTest::isPssRefusal);
    PublicKey publicKey = PublicKeys.parse(Files.readString(dir.resolve("pss.pub.pem")));
    assertThatThrownBy(() -> PublicKeys.check(publicKey)).satisfies(KeyChecksTest::isPssRefusal);
  }

  @Test
  void refusesAKeytoolRsassaPssKeyFromTheKeyStoreAndAsPem() throws Exception {
    ExternalTools.require("openssl");
    run(dir, ExternalTools.keytool(), "-genkeypair", "-keyalg", "RSASSA-PSS", "-keysize", "2048", "-alias", "jwt", "-dname", "CN=jwt",
        "-storetype", "PKCS12", "-keystore", "pss.p12", "-storepass", "changeit", "-keypass", "changeit");
    run(dir, "openssl", "pkcs12", "-in", "pss.p12", "-nocerts", "-nodes", "-passin", "pass:changeit", "-out", "pss.pem");
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve("pss.p12"))) {
      store.load(in, "changeit".toCharArray());
    }

    assertThatThrownBy(() -> KeySource.fromKeyStore(store, "jwt", "changeit".toCharArray())).satisfies(KeyChecksTest::isPssRefusal);
    assertThatThrownBy(() -> KeySource.fromPem(dir.resolve("pss.pem"))).satisfies(KeyChecksTest::isPssRefusal);
    assertThatThrownBy(() -> PublicKeys.check(store.getCertificate("jwt").getPublicKey())).satisfies(KeyChecksTest::isPssRefusal);
  }

  @Test
  void acceptsAPlainRsaKey() {
    ExternalTools.require("openssl");
    run(dir, "openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa.pem");

    assertThat(KeySource.fromPem(dir.resolve("rsa.pem")).signingKey().privateKey().getAlgorithm()).isEqualTo("RSA");
  }

  private static void isPssRefusal(Throwable e) {
    assertThat(e).isInstanceOf(KeyRejectedException.class).hasMessage(PSS_REFUSED);
    assertThat(((KeyRejectedException) e).reason()).isEqualTo(Reason.KEY_TYPE_UNSUPPORTED);
  }
}
