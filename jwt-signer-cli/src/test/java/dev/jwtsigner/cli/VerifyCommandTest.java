package dev.jwtsigner.cli;

import static dev.jwtsigner.cli.Cli.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.apto.SignedPayloadBuilder;
import dev.jwtsigner.atomic.AtomicTokenBuilder;
import dev.jwtsigner.testkit.FakeKeyPair;
import dev.jwtsigner.testkit.FakeKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {

  @TempDir
  Path dir;

  private final FakeKeyPair rsa = FakeKeys.rsa2048();
  private String publicKey;
  private String jwks;
  private String token;

  @BeforeEach
  void setUp() throws Exception {
    publicKey = Files.writeString(dir.resolve("public.pem"), rsa.publicKeyPem()).toString();
    jwks = Files.writeString(dir.resolve("jwks.json"), rsa.jwks()).toString();
    token = AtomicTokenBuilder.create(rsa.keySource()).clock(InstantSource.fixed(Cli.NOW)).subject("user-1")
        .expiresIn(Duration.ofHours(3)).sign();
  }

  @Test
  void acceptsAGoodTokenWithExitZero() {
    Cli.Result r = cli().run("verify", "atomic", token, "--trust", publicKey);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("""
        Times (now 2026-01-01T00:00:00Z):
          iat  2026-01-01T00:00:00Z  issued 0 s ago
          exp  2026-01-01T03:00:00Z  expires in 3 h
          lifetime 3 h; the platform maximum is 7 d (within it)
        ACCEPTED: Atomic SDK authentication would accept this token (user ID from sub).
        """);
  }

  @Test
  void refusesWithEveryRuleAndExitOne() throws Exception {
    Path file = Files.writeString(dir.resolve("token.txt"), token + "\n");
    Cli.Result r = cli().run("verify", "atomic", file.toString(), "--trust", jwks, "--max-expiry", "1h",
        "--allowed-issuer", "my-backend", "--at", "2026-01-01T04:00:00Z");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).contains("  exp  2026-01-01T03:00:00Z  expired 1 h ago\n")
        .contains("lifetime 3 h; the platform maximum is 1 h (BEYOND it)")
        .contains("REFUSED: Atomic SDK authentication would refuse this token (3 rules broken):\n")
        .contains("  - exp [EXPIRED]: ").contains("  - exp [EXPIRY_BEYOND_MAXIMUM]: ").contains("  - iss [ISSUER_NOT_ALLOWED]: ")
        .contains("    Fix: ");
  }

  @Test
  void aWrongKeyBreaksTheSignatureRule() throws Exception {
    Path other = Files.writeString(dir.resolve("other.pem"), FakeKeys.rsa2048(2).publicKeyPem());
    Cli.Result r = cli().stdin(token).run("verify", "atomic", "-", "--trust", other.toString(), "--json");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("\"accepted\" : false").contains("\"rule\" : \"SIGNATURE_INVALID\"");
  }

  @Test
  void verifiesASignedPayloadUnderItsKid() {
    String signed = SignedPayloadBuilder.create(rsa.keySource()).keyId("key_1").clock(InstantSource.fixed(Cli.NOW))
        .payload("{\"data_points\":{}}").sign();

    Cli.Result good = cli().run("verify", "payload", signed, "--trust", "key_1=" + publicKey);
    assertThat(good.exitCode()).as(good.toString()).isZero();
    assertThat(good.out()).endsWith("ACCEPTED: Apto signed payloads would accept this token.\n");

    Cli.Result unknownKid = cli().run("verify", "payload", signed, "--trust", "key_2=" + publicKey);
    assertThat(unknownKid.exitCode()).isEqualTo(1);
    assertThat(unknownKid.out()).contains("  - header.kid [KEY_ID_UNKNOWN]: ");

    Cli.Result tokenKid = cli().run("verify", "payload", signed, "--trust", publicKey);
    assertThat(tokenKid.exitCode()).as(tokenKid.toString()).isZero();
  }

  @Test
  void aTrustKeyIsRequiredAndMustBeReadable() {
    Cli.Result none = cli().run("verify", "atomic", token);
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).startsWith("jwt-signer verify atomic: Missing required option: '--trust=KEY|JWKS'");

    Cli.Result missing = cli().run("verify", "atomic", token, "--trust", dir.resolve("nope.pem").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("cannot read the public key file");
  }

  @Test
  void aMistypedTokenFileIsAUsageError() {
    Cli.Result r = cli().run("verify", "atomic", "tokn", "--trust", publicKey);

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("jwt-signer verify atomic: the TOKEN argument is neither a readable file nor a compact JWS");
  }
}
