package dev.jwtsigner.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyToolTest {

  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void writesAnEs512KeyPairAndSaysWhatToUploadWhere() throws Exception {
    Path folder = dir.resolve("keys-out");
    assertThat(run("--alg", "ES512", "--out", folder.toString())).isZero();
    String kid = PublicKeys.thumbprint(PublicKeys.parse(Files.readString(folder.resolve("public.pem"))));
    assertThat(text(out)).isEqualTo(String.join("\n",
        "Made a key pair for ES512 (EC P-521) in " + folder + ":",
        "  private.pem      private key, PKCS#8 PEM, readable by you only",
        "  public.pem       public key, SPKI PEM (-----BEGIN PUBLIC KEY-----)",
        "  public.jwk.json  public key as a JWK, kid " + kid + " (its RFC 7638 thumbprint)",
        "  jwks.json        JWKS holding that JWK",
        "Keep private.pem secret and never upload it. Load it with",
        "  KeySource.fromPem(Path.of(\"" + folder.resolve("private.pem") + "\"))",
        "or put its text in a secret store and use KeySource.fromEnvironment(\"JWT_PRIVATE_KEY\").",
        "Upload:",
        "  Atomic-style SDK authentication: paste public.pem (or jwks.json) into the public key setting of your API key.",
        ""));
    assertThat(KeySource.fromPem(folder.resolve("private.pem")).signingKey()).hasToString("SigningKey[EC P-521]");
  }

  @Test
  void writesAnRsaKeyOfTheGivenSize() throws Exception {
    // RS512's default is 4096 bits; --bits wins (2048 keeps the test fast, also under PIT)
    assertThat(run("--alg", "RS512", "--bits", "2048", "--out", dir.toString())).isZero();
    String kid = PublicKeys.thumbprint(PublicKeys.parse(Files.readString(dir.resolve("public.pem"))));
    assertThat(text(out)).startsWith(String.join("\n",
            "Made a key pair for RS512 (RSA 2048 bits) in " + dir + ":",
            "  private.pem      private key, PKCS#8 PEM, readable by you only",
            "  public.pem       public key, SPKI PEM (-----BEGIN PUBLIC KEY-----)",
            "  public-rsa.pem   public key, PKCS#1 PEM (-----BEGIN RSA PUBLIC KEY-----, as `ssh-keygen -e -m PEM` prints it)",
            "  public.jwk.json  public key as a JWK, kid " + kid + " (its RFC 7638 thumbprint)",
            "  jwks.json        JWKS holding that JWK",
            ""))
        .endsWith("  Atomic-style SDK authentication: paste public-rsa.pem (or public.pem, or jwks.json) into the public key"
            + " setting of your API key.\n"
            + "  Apto-style signed payloads (RS256): register public.pem and sign with .withKeyId(\"<the kid it is registered"
            + " under>\").\n");
    assertThat(KeySource.fromPem(dir.resolve("private.pem")).signingKey()).hasToString("SigningKey[RSA 2048 bits]");
    assertThat(text(err)).isEmpty();
  }

  @Test
  void makesAnRs256KeyOf2048BitsByDefault() throws Exception {
    assertThat(run("--out", dir.toString())).isZero();
    assertThat(text(out)).startsWith("Made a key pair for RS256 (RSA 2048 bits) in " + dir + ":\n");
    assertThat(KeySource.fromPem(dir.resolve("private.pem")).signingKey()).hasToString("SigningKey[RSA 2048 bits]");
  }

  @Test
  void printsTheUsageForHelpAndWritesNothing() {
    assertThat(run("--help", "--out", dir.toString())).isZero();
    assertThat(run("--out", dir.toString(), "-h")).isZero();
    assertThat(text(out)).isEqualTo(KeyTool.USAGE + "\n" + KeyTool.USAGE + "\n");
    assertThat(text(err)).isEmpty();
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void refusesToOverwriteAPrivateKey() {
    assertThat(run("--alg", "ES512", "--out", dir.toString())).isZero();
    assertThat(run("--alg", "ES512", "--out", dir.toString())).isEqualTo(1);
    assertThat(text(err)).startsWith(dir.resolve("private.pem") + " already exists; a private key is never overwritten.");
  }

  @Test
  void refusesUnknownArguments() {
    assertThat(run("--alg", "HS256")).isEqualTo(2);
    assertThat(run("--bits", "many")).isEqualTo(2);
    assertThat(run("--colour", "red")).isEqualTo(2);
    assertThat(run("--out")).isEqualTo(2);
    assertThat(text(err)).isEqualTo(String.join("\n",
        "--alg HS256 is not RS256, RS512 or ES512. " + KeyTool.USAGE,
        "--bits many is not a number. " + KeyTool.USAGE,
        "--colour is not an option. " + KeyTool.USAGE,
        "--out needs a value, or is unknown. " + KeyTool.USAGE,
        ""));
    assertThat(text(out)).isEmpty();
  }

  @Test
  void refusesATooShortKeyWithTheReason() {
    assertThat(run("--bits", "1024", "--out", dir.toString())).isEqualTo(1);
    assertThat(text(err)).startsWith("an RSA key of 1024 bits is too short;");
    assertThat(dir.resolve("private.pem")).doesNotExist();
  }

  private int run(String... args) {
    return KeyTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static String text(ByteArrayOutputStream stream) {
    return stream.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }
}
