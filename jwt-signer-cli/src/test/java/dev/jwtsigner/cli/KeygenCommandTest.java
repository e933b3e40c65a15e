package dev.jwtsigner.cli;

import static dev.jwtsigner.cli.Cli.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.keys.KeySource;
import dev.jwtsigner.keys.PublicKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeygenCommandTest {

  @TempDir
  Path dir;

  @Test
  void writesEveryUploadFormAndSaysWhatToPasteForAtomic() throws Exception {
    Path out = dir.resolve("keys");
    Cli.Result r = cli().run("keygen", "--platform", "atomic", "--out", out.toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(out.resolve("private.pem")).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("private.pem")))).isEqualTo("rw-------");
    assertThat(out.resolve("public.pem")).exists();
    assertThat(out.resolve("jwks.json")).exists();
    String rsaPem = Files.readString(out.resolve("public-rsa.pem"));
    String thumbprint = PublicKeys.thumbprint(PublicKeys.parse(rsaPem));
    assertThat(r.out())
        .contains("Made a key pair (RSA, 2048 bits) for RS256 in " + out.toAbsolutePath())
        .contains("public.jwk.json  public key as a JWK, kid " + thumbprint)
        .contains("Atomic SDK authentication: paste public-rsa.pem (or public.pem) into the public key setting of your API key")
        .contains("Paste this (public-rsa.pem):\n" + rsaPem)
        .doesNotContain("PRIVATE KEY");
    assertThat(KeySource.fromPem(out.resolve("private.pem")).signingKey().privateKey().getAlgorithm()).isEqualTo("RSA");
  }

  @Test
  void aptoKeysAreRs256AndRegisteredUnderTheirKid() {
    Cli.Result r = cli().run("keygen", "--platform", "apto", "--kid", "key_2", "--out", dir.toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Apto signed payloads: register public.pem as a signed-payload public key under kid \"key_2\"")
        .contains("jwt-signer sign payload --key " + dir.toAbsolutePath().resolve("private.pem") + " --kid key_2 body.json")
        .contains("Paste this (public.pem):\n-----BEGIN PUBLIC KEY-----");
  }

  @Test
  void aptoRefusesAnotherAlgorithmAsAUsageError() {
    Cli.Result r = cli().run("keygen", "--platform", "apto", "--alg", "ES512", "--out", dir.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("jwt-signer keygen: --platform apto signs with RS256 only. Fix: drop --alg, or pass --alg RS256.\n")
        .contains("Try 'jwt-signer keygen --help' for more information.");
    assertThat(dir.resolve("private.pem")).doesNotExist();
  }

  @Test
  void es512ForAtomicWritesNoPkcs1File() {
    Cli.Result r = cli().run("keygen", "--platform", "atomic", "--alg", "ES512", "--out", dir.toString(), "--json");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("\"key\" : \"EC, P-521\"").contains("\"upload\" : \"public.pem\"")
        .contains("\"files\" : [ \"private.pem\", \"public.pem\", \"public.jwk.json\", \"jwks.json\" ]");
    assertThat(dir.resolve("public-rsa.pem")).doesNotExist();
  }

  @Test
  void neverOverwritesAPrivateKey() {
    assertThat(cli().run("keygen", "--platform", "atomic", "--out", dir.toString()).exitCode()).isZero();

    Cli.Result again = cli().run("keygen", "--platform", "atomic", "--out", dir.toString());

    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).startsWith("jwt-signer keygen: refused (KEY_EXPORT_FAILED): ")
        .contains("already exists; a private key is never overwritten. Fix:");
  }

  @Test
  void aLongKeyShowsThatWorkGoesOn() {
    Cli.Result r = cli().run("keygen", "--platform", "atomic", "--alg", "RS512", "--out", dir.toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).startsWith("Generating a 4096-bit RSA key pair (this takes a few seconds) ").containsPattern("done in \\d+\\.\\d s\n$");
    assertThat(r.out()).contains("(RSA, 4096 bits) for RS512");
  }

  @Test
  void rejectsAnUnknownAlgorithmAndAMissingPlatform() {
    assertThat(cli().run("keygen", "--platform", "atomic", "--alg", "HS256").err())
        .startsWith("jwt-signer keygen: --alg must be RS256, RS512 or ES512.");
    Cli.Result missing = cli().run("keygen");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).startsWith("jwt-signer keygen: Missing required option: '--platform=atomic|apto'");
  }
}
