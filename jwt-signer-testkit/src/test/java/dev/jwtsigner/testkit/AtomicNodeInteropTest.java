package dev.jwtsigner.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import dev.jwtsigner.atomic.AtomicPolicy;
import dev.jwtsigner.atomic.AtomicTokenBuilder;
import dev.jwtsigner.internal.Providers;
import dev.jwtsigner.keys.KeySource;
import dev.jwtsigner.keys.SigningKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.security.Security;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Round trips with npm's jsonwebtoken, the signer of the vendor guide's Node.js example
 * {@code jwt.sign({ sub: id }, privateKey, { expiresIn: "3d", algorithm: "RS512" })}: Node verifies what
 * AtomicTokenBuilder signs, and AtomicPlatformVerifier accepts what Node signs. The RS512 key is made the
 * guide's way, with ssh-keygen, once per class.
 */
class AtomicNodeInteropTest {

  @TempDir
  static Path dir;

  private static String rsaPrivatePem;
  private static String rsaPublicPkcs1Pem;
  private static final String P521_PRIVATE_PEM = CoreTestKeys.text("p521.pem");
  private static final String P521_PUBLIC_PEM = CoreTestKeys.text("p521.pub.pem");

  private final TestClock clock = TestClock.create();
  private final long now = clock.instant().getEpochSecond();

  @BeforeAll
  static void makeTheGuidesKey() throws IOException {
    NodeJwt.assumeAvailable();
    Path key = dir.resolve("jwtRS512.key");
    run("ssh-keygen", "-q", "-t", "rsa", "-P", "", "-b", "4096", "-E", "SHA512", "-m", "PEM", "-f", key.toString());
    rsaPrivatePem = Files.readString(key);
    rsaPublicPkcs1Pem = run("ssh-keygen", "-e", "-m", "PEM", "-f", key.toString());
    assertThat(rsaPrivatePem).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(rsaPublicPkcs1Pem).startsWith("-----BEGIN RSA PUBLIC KEY-----");
  }

  // ------------------------------------------------------------ Node verifies ours

  @Test
  void nodeVerifiesOurRs512TokenAndItIsByteForByteTheGuidesExampleBeforeTheSignature() {
    String ours = AtomicTokenBuilder.create(KeySource.fromPemText(rsaPrivatePem)).algorithm(JwsAlgorithm.RS512)
        .clock(clock).subject("1234567890").expiresIn(Duration.ofDays(3)).sign();

    Map<String, Object> answer = NodeJwt.verify(ours, rsaPublicPkcs1Pem, atNow("RS512"));

    assertThat(answer).containsEntry("valid", true);
    assertThat(NodeJwt.object(answer.get("header"))).containsOnly(Map.entry("alg", "RS512"), Map.entry("typ", "JWT"));
    assertThat(NodeJwt.object(answer.get("payload"))).containsOnlyKeys("sub", "iat", "exp")
        .containsEntry("sub", "1234567890").containsEntry("iat", now).containsEntry("exp", now + 3 * 86_400);

    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("sub", "1234567890");
    payload.put("iat", now);
    String nodes = NodeJwt.sign(payload, rsaPrivatePem, Map.of("expiresIn", "3d", "algorithm", "RS512"));
    assertThat(ours.split("\\.")[0]).as("the header part, byte for byte").isEqualTo(nodes.split("\\.")[0]);
    assertThat(ours.split("\\.")[1]).as("the claims part, byte for byte").isEqualTo(nodes.split("\\.")[1]);
  }

  @ParameterizedTest
  @ValueSource(strings = {"BC", "SunEC"})
  void nodeVerifiesOurEs512TokenSignedOnEitherProvider(String providerName) {
    Provider provider = providerName.equals("BC") ? Providers.bouncyCastle() : Security.getProvider(providerName);
    SigningKey key = KeySource.fromPemText(P521_PRIVATE_PEM).withKeyId("ec-1").signingKey().withProvider(provider);
    String ours = AtomicTokenBuilder.create(() -> key).clock(clock).subject("u1").sign();
    Map<String, Object> answer = NodeJwt.verify(ours, P521_PUBLIC_PEM, atNow("ES512"));
    assertThat(answer).containsEntry("valid", true);
    assertThat(NodeJwt.object(answer.get("header"))).containsEntry("alg", "ES512").containsEntry("kid", "ec-1");
    assertThat(NodeJwt.object(answer.get("payload"))).containsEntry("sub", "u1").containsEntry("exp", now + 86_400);
  }

  @Test
  void nodeReadsProfileAndCustomFieldsAndAtomicSub() {
    String ours = AtomicTokenBuilder.create(KeySource.fromPemText(rsaPrivatePem)).algorithm(JwsAlgorithm.RS512)
        .clock(clock).subject("crm-42").atomicSubject("u1").email("a@example.com").country("DE")
        .customField("Birthday", LocalDate.of(1990, 1, 31)).claim("roles", List.of("reader")).sign();
    Map<String, Object> answer = NodeJwt.verify(ours, rsaPublicPkcs1Pem, atNow("RS512"));
    assertThat(answer).containsEntry("valid", true);
    assertThat(NodeJwt.object(answer.get("payload"))).containsEntry("atomic_sub", "u1")
        .containsEntry("email", "a@example.com").containsEntry("country", "DE").containsEntry("Birthday", "1990-01-31")
        .containsEntry("roles", List.of("reader"));
  }

  @Test
  void nodeAgreesThatOurTokenExpiresAtExp() {
    String ours = AtomicTokenBuilder.create(KeySource.fromPemText(rsaPrivatePem)).algorithm(JwsAlgorithm.RS512)
        .clock(clock).subject("u1").expiresIn(Duration.ofHours(1)).sign();
    Map<String, Object> justBefore = options("RS512", now + 3599);
    Map<String, Object> atExp = options("RS512", now + 3600);
    assertThat(NodeJwt.verify(ours, rsaPublicPkcs1Pem, justBefore)).containsEntry("valid", true);
    assertThat(NodeJwt.verify(ours, rsaPublicPkcs1Pem, atExp)).containsEntry("valid", false)
        .hasEntrySatisfying("error", e -> assertThat((String) e).startsWith("TokenExpiredError"));
  }

  // ------------------------------------------------------------ our verifier accepts Node's

  @ParameterizedTest
  @ValueSource(strings = {"RS512", "ES512"})
  void ourVerifierAcceptsWhatNodeSigns(String alg) {
    boolean rsa = alg.startsWith("RS");
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("sub", "1234567890");
    payload.put("iat", now);
    String nodes = NodeJwt.sign(payload, rsa ? rsaPrivatePem : P521_PRIVATE_PEM,
        Map.of("expiresIn", "3d", "algorithm", alg, "keyid", "node-key"));

    Verdict v = AtomicPlatformVerifier.create(AtomicPolicy.defaults())
        .trust(rsa ? rsaPublicPkcs1Pem : P521_PUBLIC_PEM).clock(clock).verify(nodes);

    assertThat(v.violations()).isEmpty();
    assertThat(v.userId()).contains("1234567890");
    assertThat(v.header()).containsEntry("alg", alg).containsEntry("kid", "node-key");
    assertThat(v.claims()).containsEntry("exp", now + 3 * 86_400);
  }

  @Test
  void ourVerifierRejectsANodeTokenBeyondThePolicyMaximum() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("sub", "u1");
    payload.put("iat", now);
    String nodes = NodeJwt.sign(payload, rsaPrivatePem, Map.of("expiresIn", "8d", "algorithm", "RS512"));
    Verdict v = AtomicPlatformVerifier.create(AtomicPolicy.defaults()).trust(rsaPublicPkcs1Pem).clock(clock).verify(nodes);
    assertThat(v.violations()).extracting(Violation::rule).containsExactly(Rule.EXPIRY_BEYOND_MAXIMUM);
    assertThat(v.violations().get(0).message())
        .isEqualTo("exp − iat is 691200 s (8 days); the policy allows at most 604800 s (7 days).");
  }

  // ------------------------------------------------------------ helpers

  private Map<String, Object> atNow(String alg) {
    return options(alg, now);
  }

  private static Map<String, Object> options(String alg, long clockTimestamp) {
    return Map.of("algorithms", List.of(alg), "clockTimestamp", clockTimestamp);
  }

  /** Runs a command; returns its stdout. Skips the class when the tool is missing, except in CI. */
  private static String run(String... command) throws IOException {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(command[0] + " is required in CI", e);
      }
      Assumptions.abort(command[0] + " is not installed");
      throw e;
    }
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new AssertionError(String.join(" ", command) + " failed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    return out;
  }
}
