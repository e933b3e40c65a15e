package dev.jwtsigner.cli;

import static dev.jwtsigner.cli.Cli.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.keys.KeyPairs;
import dev.jwtsigner.keys.PublicKeys;
import dev.jwtsigner.testkit.FakeKeyPair;
import dev.jwtsigner.testkit.FakeKeys;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {

  static final String PASSPHRASE = "correct horse battery";

  @TempDir
  Path dir;

  private final FakeKeyPair rsa = FakeKeys.rsa2048();
  private final FakeKeyPair ec = FakeKeys.p521();

  @BeforeEach
  void writeKeys() throws Exception {
    Files.writeString(dir.resolve("rsa.pem"), rsa.privateKeyPem());
    Files.writeString(dir.resolve("rsa-pkcs1.pem"), rsa.privateKeyTraditionalPem());
    Files.writeString(dir.resolve("ec.openssh"), ec.privateKeyOpenSsh());
    Files.writeString(dir.resolve("ec.pub.pem"), ec.publicKeyPem());
    Files.writeString(dir.resolve("rsa.jwks"), rsa.jwks());
    Files.writeString(dir.resolve("rsa.crt"), rsa.certificatePem());
    Files.writeString(dir.resolve("pass.txt"), PASSPHRASE + "\n");
    StringWriter encrypted = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(encrypted)) {
      w.writeObject(new JcaPKCS8Generator(rsa.privateKey(),
          new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC).setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).setPassword(PASSPHRASE.toCharArray()).build()));
    }
    Files.writeString(dir.resolve("enc.pem"), encrypted.toString());
  }

  private String file(String name) {
    return dir.resolve(name).toString();
  }

  @Test
  void inspectsAPkcs8RsaKeyForBothPlatforms() {
    Cli.Result r = cli().run("keys", "inspect", file("rsa.pem"));

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("""
        format:     PKCS#8 PEM (PRIVATE KEY)
        holds:      a private key
        encrypted:  no
        type:       RSA, 2048 bits
        thumbprint: %s (RFC 7638, SHA-256)
        atomic:    accepted (RS256, RS512)
        apto:      accepted (RS256)
        """.formatted(PublicKeys.thumbprint(rsa.publicKey())));
  }

  @Test
  void anEcKeySuitsAtomicButApto() {
    Cli.Result r = cli().run("keys", "inspect", file("ec.openssh"));

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("format:     OpenSSH private key (OPENSSH PRIVATE KEY)\n")
        .contains("encrypted:  no\n").contains("type:       EC, P-521\n")
        .contains("thumbprint: " + PublicKeys.thumbprint(ec.publicKey()))
        .contains("atomic:    accepted (ES512)\n")
        .containsPattern("apto:      refused \\(PAYLOAD_REJECTED\\): .*\n  - \\S+ \\[\\w+\\]: .* Fix: .*");
  }

  @Test
  void aPublicEcKeyIsRefusedByAptoWithTheLibrarysReasonAndFix() {
    Cli.Result r = cli().run("keys", "inspect", file("ec.pub.pem"));

    assertThat(r.out()).contains("format:     SPKI PEM (PUBLIC KEY)\n").contains("holds:      public key material\n")
        .contains("atomic:    accepted (ES512)\n")
        .contains("apto:      refused (INVALID_ARGUMENT): registerKey: kid key_1 is not an RSA public key; signed payloads use RS256 only."
            + " Fix: register the RSA public key made by `openssl rsa -in private.pem -pubout -out public.pem`.");
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void aJwksShowsEachKeysKid() {
    Cli.Result r = cli().run("keys", "inspect", file("rsa.jwks"), "--json");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("\"format\" : \"JWKS (JSON Web Key Set)\"").contains("\"kid\" : \"" + rsa.keyId() + "\"");
  }

  @Test
  void anEncryptedKeyNeedsAPassphraseFromTheEnvironmentAFileOrThePrompt() {
    Cli.Result locked = cli().run("keys", "inspect", file("enc.pem"));
    assertThat(locked.exitCode()).isEqualTo(1);
    assertThat(locked.out()).contains("format:     encrypted PKCS#8 PEM (ENCRYPTED PRIVATE KEY)\n").contains("encrypted:  yes\n")
        .contains("note:       the key is encrypted; pass --passphrase-env VAR, --passphrase-file FILE or --ask-passphrase")
        .contains("atomic:    refused (KEY_PASSPHRASE_REQUIRED)");

    String thumbprint = PublicKeys.thumbprint(rsa.publicKey());
    assertThat(cli().env("KEY_PASS", PASSPHRASE).run("keys", "inspect", file("enc.pem"), "--passphrase-env", "KEY_PASS").out())
        .contains("thumbprint: " + thumbprint);
    assertThat(cli().run("keys", "inspect", file("enc.pem"), "--passphrase-file", file("pass.txt")).out())
        .contains("thumbprint: " + thumbprint);
    assertThat(cli().typing(PASSPHRASE).run("keys", "inspect", file("enc.pem")).out()).contains("thumbprint: " + thumbprint);
    Cli.Result wrong = cli().typing("wrong").run("keys", "inspect", file("enc.pem"));
    assertThat(wrong.out()).contains("atomic:    refused (KEY_PASSPHRASE_WRONG)").doesNotContain("wrong\n");
  }

  @Test
  void aPassphraseIsNeverAnArgumentAndIsNotEchoed() {
    Cli.Result r = cli().run("keys", "inspect", file("enc.pem"), "--passphrase", "hunter2");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("jwt-signer keys inspect: unknown option --passphrase (and 1 more argument, not shown)."
        + " Passphrases are never arguments: use --passphrase-env, --passphrase-file or --ask-passphrase.\n").doesNotContain("hunter2");
  }

  @Test
  void aMissingPassphraseVariableIsAUsageError() {
    Cli.Result r = cli().run("keys", "inspect", file("enc.pem"), "--passphrase-env", "NOT_SET");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("jwt-signer keys inspect: --passphrase-env: environment variable NOT_SET is not set or empty.");
  }

  @Test
  void anUnreadableFileIsAUsageError() {
    Cli.Result r = cli().run("keys", "inspect", file("missing.pem"));

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("jwt-signer keys inspect: cannot read the key file '" + file("missing.pem")
        + "' (NoSuchFileException). Fix: pass a readable file, or - for standard input.\njwt-signer keys inspect [-hV]");
  }

  @Test
  void garbageIsALibraryRefusalWithoutTheText() {
    Cli.Result r = cli().stdin("-----BEGIN PUBLIC KEY-----\nc2VjcmV0LXN0dWZm\n-----END PUBLIC KEY-----\n").run("keys", "inspect", "-");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("jwt-signer keys inspect: refused (PUBLIC_KEY_MALFORMED): ").doesNotContain("c2VjcmV0LXN0dWZm");
    assertThat(r.err()).doesNotContain("at dev.jwtsigner");
  }

  @Test
  void convertsToEveryForm() {
    assertThat(cli().run("keys", "convert", file("rsa.pem"), "--to", "spki").out()).isEqualTo(KeyPairs.publicKeyPem(rsa.publicKey()));
    assertThat(cli().run("keys", "convert", file("rsa.crt"), "--to", "pkcs1").out()).isEqualTo(rsa.rsaPublicKeyPem().orElseThrow());
    assertThat(cli().run("keys", "convert", file("rsa.jwks"), "--to", "jwk").out()).isEqualTo(KeyPairs.jwk(rsa.publicKey()) + "\n");
    assertThat(cli().run("keys", "convert", file("ec.pub.pem"), "--to", "jwks").out()).isEqualTo(KeyPairs.jwks(ec.publicKey()) + "\n");
    assertThat(cli().run("keys", "convert", file("ec.openssh"), "--to", "openssh").out())
        .startsWith(ec.publicKeyOpenSsh().split(" ")[0] + " " + ec.publicKeyOpenSsh().split(" ")[1] + "\n");
    assertThat(cli().run("keys", "convert", file("rsa-pkcs1.pem"), "--to", "openssh").out())
        .isEqualTo(rsa.publicKeyOpenSsh().split(" ")[0] + " " + rsa.publicKeyOpenSsh().split(" ")[1] + "\n");
  }

  @Test
  void convertRefusesPkcs1ForAnEcKeyAndAnUnknownForm() {
    Cli.Result ecPkcs1 = cli().run("keys", "convert", file("ec.pub.pem"), "--to", "pkcs1");
    assertThat(ecPkcs1.exitCode()).isEqualTo(1);
    assertThat(ecPkcs1.err()).startsWith("jwt-signer keys convert: refused (INVALID_ARGUMENT): an RSA PUBLIC KEY block holds only RSA keys");

    Cli.Result unknown = cli().run("keys", "convert", file("rsa.pem"), "--to", "der");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("--to").contains("spki, pkcs1, jwk, jwks, openssh");
  }
}
