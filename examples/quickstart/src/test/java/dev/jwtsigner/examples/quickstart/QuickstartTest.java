package dev.jwtsigner.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.Violation;
import dev.jwtsigner.keys.PublicKeys;
import dev.jwtsigner.apto.SignedPayloadBuilder;
import dev.jwtsigner.testkit.AtomicPlatformVerifier;
import dev.jwtsigner.testkit.FakeAptoMobileApi;
import dev.jwtsigner.testkit.SignedPayloadVerifier;
import dev.jwtsigner.testkit.TestClock;
import dev.jwtsigner.testkit.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuickstartTest {

  @TempDir
  Path dir;

  private final TestClock clock = TestClock.create();

  @Test
  void makesAKeyPairThenMintsAndVerifiesBothTokens() throws IOException {
    Run run = run(Map.of(), "--key-dir", dir.toString());

    assertThat(run.status()).isEqualTo(Quickstart.OK);
    assertThat(dir.resolve("private.pem")).content().startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(dir.resolve("public.pem")).content().startsWith("-----BEGIN PUBLIC KEY-----");
    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("private.pem")))).isEqualTo("rw-------");
    }
    assertThat(run.output())
        .contains("keys:    made a new RSA 2048-bit key pair in " + dir)
        .contains("times:   issued 2026-01-01T00:00:00Z, expires 2026-01-01T01:00:00Z (after 60 min)")
        .contains("verdict: ACCEPTED by AtomicPlatformVerifier (user ID \"user-1234\")")
        .contains("send as: the request body, with Content-Type: application/jwt")
        .contains("verdict: ACCEPTED by SignedPayloadVerifier")
        .doesNotContain("verdict: REJECTED");

    PublicKey publicKey = PublicKeys.parse(Files.readString(dir.resolve("public.pem")));
    List<String> tokens = run.tokens();
    assertThat(tokens).hasSize(2);

    Verdict atomic = AtomicPlatformVerifier.create(Quickstart.apiKeyPolicy()).trust(publicKey).clock(clock)
        .verify(tokens.get(0));
    assertThat(atomic.accepted()).isTrue();
    assertThat(atomic.userId()).contains(Quickstart.SAMPLE_USER);
    assertThat(atomic.header()).containsEntry("alg", "RS512");
    assertThat(atomic.claims()).containsEntry("iss", Quickstart.ISSUER);
    assertThat(((Number) atomic.claims().get("exp")).longValue())
        .isEqualTo(clock.instant().plus(Duration.ofHours(1)).getEpochSecond());

    Verdict payload = SignedPayloadVerifier.create().trust("key_1", publicKey).clock(clock).verify(tokens.get(1));
    assertThat(payload.accepted()).isTrue();
    assertThat(payload.header()).containsEntry("alg", "RS256").containsEntry("kid", "key_1");
    assertThat(payload.claims()).containsKey("data_points");
  }

  @Test
  void theQuickStartsSignedCreateUserBodyCreatesAUserAtTheFakeMobileApi() throws Exception {
    Run run = run(Map.of(), "--key-dir", dir.toString());
    PublicKey publicKey = PublicKeys.parse(Files.readString(dir.resolve("public.pem")));
    String token = run.tokens().get(1);

    try (FakeAptoMobileApi api = FakeAptoMobileApi.start(SignedPayloadVerifier.create().trust("key_1", publicKey))) {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(api.baseUri().resolve(FakeAptoMobileApi.CREATE_USER_PATH))
              .header("Content-Type", SignedPayloadBuilder.CONTENT_TYPE)
              .POST(HttpRequest.BodyPublishers.ofString(token)).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(response.body()).startsWith("{\"type\":\"user\",\"user_id\":\"crdhldr_")
          .contains("\"user_token\":\"")
          .contains("\"user_data\":{\"type\":\"list\",\"data\":[{\"type\":\"phone\"");
      assertThat(api.requests()).hasSize(1);
    }
  }

  @Test
  void printsTheDecodedHeaderAndClaims() {
    Run run = run(Map.of(), "--key-dir", dir.toString(), "--user", "customer-77");

    assertThat(run.output())
        .contains("1. Atomic SDK token for user \"customer-77\"")
        .contains("\"sub\" : \"customer-77\"")
        .contains("\"iat\" : " + clock.instant().getEpochSecond())
        .contains("\"alg\" : \"RS512\"")
        .contains("\"kid\" : \"key_1\"")
        .contains("\"email\" : \"jane.doe@example.com\"")
        .contains("\"doc_type\" : \"SSN\"")
        .contains("\"postal_code\" : \"94105\"");
  }

  @Test
  void reusesTheKeyPairInTheFolder() throws IOException {
    run(Map.of(), "--key-dir", dir.toString());
    String publicPem = Files.readString(dir.resolve("public.pem"));

    Run second = run(Map.of(), "--key-dir", dir.toString());

    assertThat(second.status()).isEqualTo(Quickstart.OK);
    assertThat(second.output()).contains("keys:    using the key pair in " + dir);
    assertThat(dir.resolve("public.pem")).hasContent(publicPem);
  }

  @Test
  void signsWithKeyFilesNamedByArguments() throws IOException {
    Path keys = Files.createDirectory(dir.resolve("elsewhere"));
    run(Map.of(), "--key-dir", keys.toString());
    Path privateKey = keys.resolve("private.pem");
    Path publicKey = keys.resolve("public.pem");

    Run run = run(Map.of(), "--key-dir", dir.resolve("unused").toString(),
        "--private-key", privateKey.toString(), "--public-key", publicKey.toString());

    assertThat(run.status()).isEqualTo(Quickstart.OK);
    assertThat(run.output()).contains("keys:    using " + privateKey + " and " + publicKey);
    assertThat(dir.resolve("unused")).doesNotExist();
    assertThat(AtomicPlatformVerifier.create(Quickstart.apiKeyPolicy())
        .trust(PublicKeys.parse(Files.readString(publicKey))).clock(clock).verify(run.tokens().get(0)).accepted())
        .isTrue();
  }

  @Test
  void signsWithKeyFilesNamedByEnvironmentVariables() {
    Path keys = dir.resolve("from-env");
    run(Map.of(), "--key-dir", keys.toString());
    Path privateKey = keys.resolve("private.pem");
    Path publicKey = keys.resolve("public.pem");

    Run run = run(Map.of(Quickstart.ENV_PRIVATE_KEY, privateKey.toString(), Quickstart.ENV_PUBLIC_KEY, publicKey.toString()));

    assertThat(run.status()).isEqualTo(Quickstart.OK);
    assertThat(run.output()).contains("keys:    using " + privateKey + " and " + publicKey);
  }

  @Test
  void takesTheKeyFolderFromTheEnvironment() {
    Run run = run(Map.of(Quickstart.ENV_KEY_DIR, dir.toString()));

    assertThat(run.status()).isEqualTo(Quickstart.OK);
    assertThat(run.output()).contains("keys:    made a new RSA 2048-bit key pair in " + dir);
    assertThat(dir.resolve("private.pem")).exists();
  }

  @Test
  void printsTheBuildersRefusalOfATokenThePlatformWouldReject() {
    Run run = run(Map.of(), "--key-dir", dir.toString());

    assertThat(run.output())
        .contains("refused (TOKEN_REJECTED): ")
        .contains("exp [" + Violation.Rule.EXPIRY_BEYOND_MAXIMUM + "]")
        .contains("iss [" + Violation.Rule.ISSUER_NOT_ALLOWED + "]");
  }

  @Test
  void reportsTokensSignedWithAKeyThePublicKeyDoesNotMatch() {
    run(Map.of(), "--key-dir", dir.resolve("a").toString());
    run(Map.of(), "--key-dir", dir.resolve("b").toString());

    Run run = run(Map.of(), "--private-key", dir.resolve("a/private.pem").toString(),
        "--public-key", dir.resolve("b/public.pem").toString());

    assertThat(run.status()).isEqualTo(Quickstart.REJECTED);
    assertThat(run.output())
        .contains("verdict: REJECTED by AtomicPlatformVerifier\n  - signature [" + Violation.Rule.SIGNATURE_INVALID + "]")
        .contains("verdict: REJECTED by SignedPayloadVerifier\n  - signature [" + Violation.Rule.SIGNATURE_INVALID + "]");
  }

  @Test
  void reportsAMissingKeyFileWithTheLibrarysMessage() {
    Path missing = dir.resolve("missing.pem");

    Run run = run(Map.of(), "--private-key", missing.toString(), "--public-key", missing.toString());

    assertThat(run.status()).isEqualTo(Quickstart.REJECTED);
    assertThat(run.output()).contains("key refused (KEY_FILE_UNREADABLE): key file " + missing + " does not exist");
    assertThat(run.tokens()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      --private-key x.pem   | a private key is named but no public key to verify with: name both, or neither to use --key-dir
      --public-key x.pem    | a public key is named but no private key: name both, or neither to use --key-dir
      --key-dir             | --key-dir needs a value
      --frobnicate          | unknown argument: --frobnicate
      """)
  void refusesIncompleteArgumentsWithUsage(String args, String message) {
    Run run = run(Map.of(), args.split(" "));

    assertThat(run.status()).isEqualTo(Quickstart.USAGE);
    assertThat(run.output()).isEqualTo(message + "\n" + Quickstart.USAGE_TEXT + "\n");
  }

  @Test
  void printsUsageOnHelp() {
    Run run = run(Map.of(), "--help");

    assertThat(run.status()).isEqualTo(Quickstart.OK);
    assertThat(run.output()).isEqualTo(Quickstart.USAGE_TEXT + "\n");
  }

  private Run run(Map<String, String> env, String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int status = Quickstart.run(args, env, clock, out);
    return new Run(status, bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
  }

  private record Run(int status, String output) {

    /** The tokens the run printed, in order. */
    List<String> tokens() {
      return output.lines().filter(l -> l.startsWith("token:   ")).map(l -> l.substring("token:   ".length())).toList();
    }
  }
}
