package dev.jwtsigner.keys;

import static dev.jwtsigner.keys.ExternalTools.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OpenSSH private keys made by ssh-keygen and by puttygen: what loads, and what is refused by its type. */
class OpenSshKeysTest {

  private static final String PASS = "S3cret pass";

  @TempDir
  Path dir;

  @ParameterizedTest(name = "ssh-keygen -t {0}, passphrase {1}")
  @CsvSource({"dsa, '', ssh-dss", "dsa, S3cret pass, ssh-dss", "ed25519, '', ssh-ed25519", "ed25519, S3cret pass, ssh-ed25519"})
  void refusesSshKeygenKeysOfAnotherTypeByName(String type, String passphrase, String sshName) {
    ExternalTools.require("ssh-keygen");
    run(dir, "ssh-keygen", "-q", "-t", type, "-N", passphrase, "-f", "key");

    assertRefusedAsType(dir.resolve("key"), sshName);
  }

  @ParameterizedTest(name = "puttygen -t {0}")
  @CsvSource({"dsa, ssh-dss", "ed25519, ssh-ed25519", "ed448, ssh-ed448"})
  void refusesPuttygenKeysOfAnotherTypeByName(String type, String sshName) {
    ExternalTools.require("puttygen");
    run(dir, "puttygen", "-t", type, "--new-passphrase", "/dev/null", "-O", "private-openssh-new", "-o", "key");

    assertRefusedAsType(dir.resolve("key"), sshName);
  }

  @ParameterizedTest(name = "puttygen -t {0} -b {1}, passphrase: {2}")
  @CsvSource({"rsa, 2048, false", "rsa, 2048, true", "ecdsa, 521, false", "ecdsa, 521, true"})
  void loadsEveryPuttygenOpenSshKeyThatSshKeygenReads(String type, String bits, boolean encrypted) throws Exception {
    ExternalTools.require("puttygen", "ssh-keygen");
    Files.writeString(dir.resolve("passphrase"), encrypted ? PASS : "");
    run(dir, "puttygen", "-t", type, "-b", bits, "--new-passphrase", "passphrase", "-O", "private-openssh-new", "-o", "key");
    assertThat(Files.readString(dir.resolve("key"))).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
    String publicLine = encrypted
        ? run(dir, "ssh-keygen", "-y", "-P", PASS, "-f", "key")
        : run(dir, "ssh-keygen", "-y", "-P", "", "-f", "key");

    SigningKey key = KeySource.fromPem(dir.resolve("key"), encrypted ? PASS.toCharArray() : null).signingKey();

    assertThat(key.privateKey()).isInstanceOf(type.equals("rsa") ? RSAPrivateCrtKey.class : ECPrivateKey.class);
    assertThat(signsFor(key, PublicKeys.parse(publicLine))).as("pairs with ssh-keygen -y's public key").isTrue();
  }

  @ParameterizedTest(name = "ssh-keygen -Z {0}")
  @CsvSource({"3des-cbc", "aes128-cbc", "aes256-cbc", "aes128-ctr", "aes256-ctr", "aes128-gcm@openssh.com",
      "aes256-gcm@openssh.com", "chacha20-poly1305@openssh.com"})
  void decryptsEveryCipherSshKeygenWrites(String cipher) throws Exception {
    ExternalTools.require("ssh-keygen");
    // -a 1: one bcrypt round, so that eight keys take no time
    run(dir, "ssh-keygen", "-q", "-t", "ecdsa", "-b", "521", "-N", PASS, "-a", "1", "-Z", cipher, "-f", "key");

    SigningKey key = KeySource.fromPem(dir.resolve("key"), PASS.toCharArray()).signingKey();

    assertThat(signsFor(key, PublicKeys.parse(Files.readString(dir.resolve("key.pub"))))).isTrue();
    assertThatThrownBy(() -> KeySource.fromPem(dir.resolve("key"), "wrong".toCharArray()))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_PASSPHRASE_WRONG))
        .hasMessageContaining("(OpenSSH format, encrypted with " + cipher + ")");
  }

  @Test
  void loadsPuttygensPaddingToSixteenBytesAsSshKeygenDoes() {
    ExternalTools.require("puttygen");
    run(dir, "puttygen", "-t", "ecdsa", "-b", "521", "--new-passphrase", "/dev/null", "-O", "private-openssh-new", "-o", "key");
    byte[] blob = BouncyCastlePem.blocks(read(dir.resolve("key")), () -> BouncyCastlePem.garbled("key")).get(0).getContent();

    OpenSshKeys.Header header = OpenSshKeys.header(blob);

    assertThat(header.cipher()).isEqualTo("none");
    assertThat(header.keyType()).isEqualTo("ecdsa-sha2-nistp521");
    assertThat(header.privateLength() % 16).isZero();
    byte[] repadded = OpenSshKeys.repadded(blob, header);
    int length = OpenSshKeys.header(repadded).privateLength();
    assertThat(length % 8).isZero();
    // PuTTY pads with 1 to 16 bytes; re-padded, the same content takes 0 to 7 (equal when PuTTY's were fewer than 8)
    assertThat(length).isBetween(header.privateLength() - 16, header.privateLength());
    assertThat(KeySource.fromPem(dir.resolve("key")).signingKey().privateKey()).isInstanceOf(ECPrivateKey.class);
  }

  @Test
  void refusesAContainerItCannotReadAsGarbled() {
    byte[] notOpenSsh = "openssh-key-v1\0\0\0\0\u00ffnone".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    assertThat(OpenSshKeys.header(notOpenSsh)).isNull();
    assertThatThrownBy(() -> OpenSshKeys.read(notOpenSsh, null, "PEM text"))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_MALFORMED));
  }

  private static void assertRefusedAsType(Path file, String sshName) {
    for (char[] passphrase : new char[][] {null, PASS.toCharArray()}) {
      assertThatThrownBy(() -> KeySource.fromPem(file, passphrase))
          .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_TYPE_UNSUPPORTED))
          .hasMessage("key file " + file + " holds an OpenSSH " + sshName + " key, which cannot sign RS256, RS512 or ES512;"
              + " only RSA (2048 bits or more) and EC P-521 keys can. Fix: " + KeyChecks.MAKE_RSA
              + ", or `ssh-keygen -t ecdsa -b 521 -m PEM -P \"\" -f jwtES512.key`.");
    }
  }

  /** Whether a signature by {@code key} verifies with {@code publicKey}. */
  static boolean signsFor(SigningKey key, PublicKey publicKey) throws Exception {
    String algorithm = key.privateKey() instanceof RSAPrivateCrtKey ? "SHA256withRSA" : "SHA512withECDSA";
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(key.privateKey());
    signer.update(new byte[] {1, 2, 3});
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance(algorithm);
    verifier.initVerify(publicKey);
    verifier.update(new byte[] {1, 2, 3});
    return verifier.verify(signature);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
