package dev.jwtsigner.cli;

import static dev.jwtsigner.cli.Cli.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.atomic.AtomicPolicy;
import dev.jwtsigner.testkit.AtomicPlatformVerifier;
import dev.jwtsigner.testkit.FakeKeyPair;
import dev.jwtsigner.testkit.FakeKeys;
import dev.jwtsigner.testkit.SignedPayloadVerifier;
import dev.jwtsigner.testkit.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignCommandTest {

  @TempDir
  Path dir;

  private final FakeKeyPair rsa = FakeKeys.rsa2048();
  private String key;

  @BeforeEach
  void writeKey() throws Exception {
    key = Files.writeString(dir.resolve("private.pem"), rsa.privateKeyPem()).toString();
  }

  @Test
  void signsAnAtomicTokenThePlatformAccepts() {
    Cli.Result r = cli().run("sign", "atomic", "--key", key, "--sub", "user-1", "--alg", "RS512", "--expires-in", "3h",
        "--iss", "my-backend", "--allowed-issuer", "my-backend", "--claim", "email=ada@example.com", "--claim-json", "tier=3");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    String token = r.out().strip();
    Verdict v = AtomicPlatformVerifier.create(AtomicPolicy.builder().allowedIssuers("my-backend").build())
        .trust(rsa.publicKey()).clock(InstantSource.fixed(Cli.NOW)).verify(token);
    assertThat(v.accepted()).as(v.toString()).isTrue();
    assertThat(v.userId()).contains("user-1");
    assertThat(v.header()).containsEntry("alg", "RS512");
    assertThat(v.claims()).containsEntry("iss", "my-backend").containsEntry("email", "ada@example.com")
        .containsEntry("iat", Cli.NOW.getEpochSecond()).containsEntry("exp", Cli.NOW.getEpochSecond() + 3 * 3600);
    assertThat(((Number) v.claims().get("tier")).intValue()).isEqualTo(3);
  }

  @Test
  void printsTheTokenAndItsPartsAsJson() {
    Cli.Result r = cli().run("sign", "atomic", "--key", key, "--atomic-sub", "u-2", "--json");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).startsWith("{\n  \"token\" : \"eyJ").contains("\"atomic_sub\" : \"u-2\"").contains("\"alg\" : \"RS256\"");
  }

  @Test
  void aRefusalNamesRuleAndFixButNoClaimValue() {
    Cli.Result r = cli().run("sign", "atomic", "--key", key, "--sub", "secret-user-42", "--expires-in", "30d",
        "--iss", "somebody", "--allowed-issuer", "my-backend");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("jwt-signer sign atomic: refused (TOKEN_REJECTED): the Atomic token was not signed: 2 rules broken.\n")
        .contains("  - exp [EXPIRY_BEYOND_MAXIMUM]: exp − iat is 2592000 s (30 days); the policy allows at most 604800 s (7 days).\n    Fix: ")
        .contains("  - iss [ISSUER_NOT_ALLOWED]: ")
        .doesNotContain("secret-user-42").doesNotContain("somebody").doesNotContain("\tat ");
  }

  @Test
  void aUserIdIsRequiredAndOnlyOne() {
    assertThat(cli().run("sign", "atomic", "--key", key).exitCode()).isEqualTo(2);
    Cli.Result both = cli().run("sign", "atomic", "--key", key, "--sub", "a", "--atomic-sub", "b");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive");
  }

  @Test
  void signsAPayloadFromStandardInput() {
    String body = "{\"data_points\":{\"type\":\"list\",\"data\":[{\"type\":\"email\",\"email\":\"ada@example.com\"}]}}";
    Cli.Result r = cli().stdin(body).run("sign", "payload", "--key", key, "--kid", "key_1", "--expires-in", "5m");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    Verdict v = SignedPayloadVerifier.create().trust("key_1", rsa.publicKey()).clock(InstantSource.fixed(Cli.NOW)).verify(r.out().strip());
    assertThat(v.accepted()).as(v.toString()).isTrue();
    assertThat(v.header()).containsEntry("kid", "key_1");
    assertThat(v.claims()).containsKey("data_points").containsEntry("exp", Cli.NOW.getEpochSecond() + 300);
  }

  @Test
  void aPayloadThatIsNoObjectIsRefusedWithItsRule() throws Exception {
    Path body = Files.writeString(dir.resolve("body.json"), "[1, 2]");
    Cli.Result r = cli().run("sign", "payload", "--key", key, "--kid", "key_1", body.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("jwt-signer sign payload: refused (PAYLOAD_REJECTED): ").contains("[NOT_A_JSON_OBJECT]").contains("Fix: ");
  }

  @Test
  void anEcKeyCannotSignAPayload() throws Exception {
    Path ec = Files.writeString(dir.resolve("ec.pem"), FakeKeys.p521().privateKeyPem());
    Cli.Result r = cli().stdin("{}").run("sign", "payload", "--key", ec.toString(), "--kid", "key_1");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("jwt-signer sign payload: refused (PAYLOAD_REJECTED)").contains("Fix: ");
  }

  @Test
  void aBadDurationIsAUsageError() {
    Cli.Result r = cli().run("sign", "atomic", "--key", key, "--sub", "u", "--expires-in", "three days");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("'three days' is not a duration; write 3d, 12h, 5m, 90s or 1h30m");
  }
}
