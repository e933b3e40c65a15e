package dev.jwtsigner.keys;

import static dev.jwtsigner.keys.ExternalTools.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every PBES2 cipher and PRF that OpenSSL 3 writes, and scrypt, encrypted by openssl itself from one key. */
class EncryptedPkcs8Test {

  private static final String PASS = "S3cret pass";

  @TempDir
  static Path dir;

  private static PrivateKey plain;

  @BeforeAll
  static void makeTheKey() {
    ExternalTools.require("openssl");
    run(dir, "openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "private.pem");
    plain = KeySource.fromPem(dir.resolve("private.pem")).signingKey().privateKey();
  }

  /** {@code private.pem} encrypted by {@code openssl pkcs8 -topk8} with {@code options}, as {@code name}. */
  private static Path encrypt(String name, String... options) {
    List<String> command = new ArrayList<>(List.of("openssl", "pkcs8", "-topk8", "-in", "private.pem", "-out", name,
        "-passout", "pass:" + PASS));
    command.addAll(List.of(options));
    run(dir, command.toArray(String[]::new));
    return dir.resolve(name);
  }

  @ParameterizedTest(name = "-v2 {0}")
  @ValueSource(strings = {"aes-128-cbc", "aes-192-cbc", "aes-256-cbc", "camellia-128-cbc", "camellia-192-cbc",
      "camellia-256-cbc", "des3"})
  void decryptsEveryPbes2CipherWithTheRightPassphrase(String cipher) {
    Path file = encrypt(cipher + ".pem", "-v2", cipher);

    assertThat(KeySource.fromPem(file, PASS.toCharArray()).signingKey().privateKey()).isEqualTo(plain);
    assertThatThrownBy(() -> KeySource.fromPem(file, "wrong".toCharArray()))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_PASSPHRASE_WRONG));
  }

  @ParameterizedTest(name = "-v2prf {0}")
  @ValueSource(strings = {"hmacWithSHA1", "hmacWithSHA224", "hmacWithSHA256", "hmacWithSHA384", "hmacWithSHA512"})
  void decryptsEveryPbkdf2Prf(String prf) {
    Path file = encrypt(prf + ".pem", "-v2", "aes-256-cbc", "-v2prf", prf);

    assertThat(KeySource.fromPem(file, PASS.toCharArray()).signingKey().privateKey()).isEqualTo(plain);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"-scrypt, ''", "-v1, PBE-SHA1-3DES"})
  void decryptsScryptAndTheOlderPkcs12Scheme(String option, String value) {
    Path file = value.isEmpty() ? encrypt(option + ".pem", option) : encrypt(option + ".pem", option, value);

    assertThat(KeySource.fromPem(file, PASS.toCharArray()).signingKey().privateKey()).isEqualTo(plain);
  }

  @ParameterizedTest(name = "-v2 {0}")
  @ValueSource(strings = {"aria-256-cbc", "aes-256-ofb"})
  void namesACipherItCannotDecryptAndNeverBlamesThePassphrase(String cipher) {
    Path file = encrypt("unsupported-" + cipher + ".pem", "-v2", cipher);

    for (String passphrase : new String[] {PASS, "wrong"}) {
      assertThatThrownBy(() -> KeySource.fromPem(file, passphrase.toCharArray()))
          .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_TYPE_UNSUPPORTED))
          .hasMessage("key file " + file + " holds a private key encrypted with " + cipher + ", a cipher this library"
              + " cannot decrypt (the passphrase was not tried). Fix: encrypt it with a supported cipher, such as"
              + " `openssl pkcs8 -topk8 -v2 aes-256-cbc -in private.pem -out encrypted.pem` (after decrypting it with the"
              + " tool that made it).");
    }
  }

  @ParameterizedTest(name = "-v2 {0}")
  @ValueSource(strings = {"camellia-256-cbc"})
  void asksForThePassphraseNamingTheCipher(String cipher) {
    Path file = encrypt("ask-" + cipher + ".pem", "-v2", cipher);

    assertThatThrownBy(() -> KeySource.fromPem(file))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_PASSPHRASE_REQUIRED))
        .hasMessageContaining("(encrypted PKCS#8 with " + cipher + ", -----BEGIN ENCRYPTED PRIVATE KEY-----)");
  }
}
