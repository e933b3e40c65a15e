package dev.jwtsigner.cli;

import static dev.jwtsigner.cli.Cli.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.atomic.AtomicTokenBuilder;
import dev.jwtsigner.testkit.FakeKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class InspectCommandTest {

  private static String part(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void decodesHeaderClaimsAndTimesWithoutAKey() {
    String token = AtomicTokenBuilder.create(FakeKeys.rsa2048().keySource()).clock(InstantSource.fixed(Cli.NOW))
        .subject("user-1").expiresIn(Duration.ofHours(3)).sign();

    Cli.Result r = cli().at(Instant.parse("2026-01-01T00:00:30Z")).run("inspect", token);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("""
        Header:
        {
          "alg" : "RS256",
          "typ" : "JWT",
          "kid" : "fake-rsa2048-1"
        }
        Claims:
        {
          "sub" : "user-1",
          "iat" : 1767225600,
          "exp" : 1767236400
        }
        Times (now 2026-01-01T00:00:30Z):
          iat  2026-01-01T00:00:00Z  issued 30 s ago
          exp  2026-01-01T03:00:00Z  expires in 2 h 59 min
          lifetime 3 h; the platform maximum is 7 d (within it)
        Warnings: none
        Signature: not checked (no key). Check it with: jwt-signer verify atomic TOKEN --trust KEY
        """);
  }

  @Test
  void warnsAboutAnExpAsAStringAnAlgorithmOutsideTheListAndALongLifetime() {
    String token = part("{\"alg\":\"HS256\"}") + "." + part("{\"sub\":\"u\",\"iat\":1767225600,\"exp\":\"1767236400\"}") + ".c2ln";

    Cli.Result r = cli().run("inspect", token);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("  exp  a string, not a number\n")
        .contains("[ALGORITHM_NOT_ALLOWED]").contains("  - exp [CLAIM_NOT_NUMERIC]: ").contains("    Fix: ");
  }

  @Test
  void warnsAboutALifetimeBeyondTheMaximum() {
    String token = part("{\"alg\":\"RS256\"}") + "." + part("{\"sub\":\"u\",\"iat\":1767225600,\"exp\":1767484800}") + ".c2ln";

    Cli.Result r = cli().run("inspect", token, "--max-expiry", "1d", "--json");

    assertThat(r.out()).contains("\"human\" : \"3 d\"").contains("\"maximumHuman\" : \"1 d\"").contains("\"withinMaximum\" : false")
        .contains("\"rule\" : \"EXPIRY_BEYOND_MAXIMUM\"").contains("\"signatureChecked\" : false")
        .contains("\"timeline\" : {\n    \"iat\" : 1767225600,\n    \"now\" : 1767225600,\n    \"exp\" : 1767484800,\n    \"max\" : 1767312000\n  }");
  }

  @Test
  void aTokenThatIsNotACompactJwsIsSaidToBeOneAndExitsOne() {
    Cli.Result r = cli().stdin("not.a-token").run("inspect", "-");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("(does not decode as base64url JSON)").contains("[TOKEN_MALFORMED]");
  }

  @Test
  void appliesAptoRulesWhenAsked() {
    String token = part("{\"alg\":\"RS512\",\"kid\":\"key_1\"}") + "." + part("{\"data_points\":{}}") + ".c2ln";

    Cli.Result r = cli().run("inspect", token, "--platform", "apto");

    assertThat(r.out()).contains("Times (now 2026-01-01T00:00:00Z):\n  no iat, nbf or exp\n").contains("[ALGORITHM_NOT_ALLOWED]")
        .contains("jwt-signer verify payload TOKEN --trust KEY");
  }
}
