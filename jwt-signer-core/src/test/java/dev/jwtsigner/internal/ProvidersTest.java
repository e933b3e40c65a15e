package dev.jwtsigner.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.TestKeys;
import dev.jwtsigner.keys.KeySource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The engine choice. The test class path has ACCP (test scope), so the real table finds it. */
class ProvidersTest {

  private static final String ACCP = "AmazonCorrettoCryptoProvider 2\\.5\\.0 \\(native AWS-LC v[0-9.]+\\)";

  @ParameterizedTest
  @EnumSource(JwsAlgorithm.class)
  void withAccpOnTheClassPathEveryAlgorithmSignsOnItFirstAndTheJdkLast(JwsAlgorithm alg) {
    List<Engine> engines = Providers.engines(alg);

    assertThat(engines.get(0).description()).matches(ACCP);
    assertThat(engines.get(engines.size() - 1).provider()).as("the JDK's default lookup, last").isNull();
    assertThat(Providers.describe(alg)).matches(alg + " → " + ACCP);
  }

  @Test
  void accpAndBouncyCastleAreNeverRegisteredGlobally() {
    Providers.engines(JwsAlgorithm.ES512);
    Providers.bouncyCastle();
    assertThat(Security.getProvider("AmazonCorrettoCryptoProvider")).isNull();
    assertThat(Security.getProvider("BC")).isNull();
  }

  @Test
  void withoutAccpRsaSignsOnTheJdkAndEs512OnBouncyCastleThenSunEc() {
    EngineTable table = TestEngines.withoutAccp();

    assertThat(table.loaded(JwsAlgorithm.RS256)).extracting(Engine::description)
        .singleElement().asString().matches("SunRsaSign [0-9.]+ \\(JDK\\)");
    assertThat(table.loaded(JwsAlgorithm.ES512)).extracting(Engine::description)
        .containsExactly("BC (test)", Providers.jdk(JwsAlgorithm.ES512).description());
    assertThat(Providers.jdk(JwsAlgorithm.ES512).description()).matches("SunEC [0-9.]+ \\(JDK\\)");
    assertThat(table.note(JwsAlgorithm.ES512)).as("absent is not a failure").isEmpty();
  }

  @Test
  void withoutAccpRsaNeverStartsLoadingBouncyCastle() {
    EngineTable table = TestEngines.withoutAccp();
    table.loaded(JwsAlgorithm.RS256);
    table.ready(JwsAlgorithm.RS512);
    assertThat(table.settled(JwsAlgorithm.RS256)).isTrue();
    assertThat(table.settled(JwsAlgorithm.ES512)).as("Bouncy Castle not loaded yet").isFalse();
  }

  @Test
  void anAccpThatReportsALoadingErrorIsSkippedAndTheDescriptionSaysWhy() {
    EngineTable table = TestEngines.withBrokenAccp();

    assertThat(table.loaded(JwsAlgorithm.ES512)).extracting(Engine::description).first().isEqualTo("BC (test)");
    assertThat(table.loaded(JwsAlgorithm.RS256)).hasSize(1);
    assertThat(table.note(JwsAlgorithm.RS256))
        .isEqualTo(" (AmazonCorrettoCryptoProvider is on the class path but did not load: UnsatisfiedLinkError)");
  }

  @Test
  void accpThatIsNotOnTheClassPathLoadsAsAbsent() {
    assertThat(Providers.Accp.load("com.example.NoSuchProvider")).isNull();
    assertThatThrownBy(() -> Providers.Accp.load(TestEngines.BrokenNativeProvider.class.getName()))
        .isInstanceOf(IllegalStateException.class).hasMessage("UnsatisfiedLinkError");
  }

  @Test
  void aNativeProviderThatDoesNotNameItsAwsLcVersionIsStillUsed() {
    Engine engine = Providers.Accp.load(TestEngines.QuietNativeProvider.class.getName());
    assertThat(engine.description()).isEqualTo("QuietNative 2.0 (native AWS-LC)");
    assertThat(engine.provider()).isInstanceOf(TestEngines.QuietNativeProvider.class);
  }

  @Test
  void aSignerAskingWithoutWaitingStartsTheLoadAndSeesTheEngineOnceItIsDone() throws Exception {
    EngineTable table = TestEngines.withoutAccp();
    int before = Providers.generation();
    List<Engine> first = table.ready(JwsAlgorithm.ES512); // ACCP's (absent) load starts; Bouncy Castle's after it
    assertThat(first.get(first.size() - 1).provider()).isNull();

    long deadline = System.nanoTime() + 60_000_000_000L;
    while (table.ready(JwsAlgorithm.ES512).size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }

    assertThat(table.ready(JwsAlgorithm.ES512)).extracting(Engine::description).first().isEqualTo("BC (test)");
    assertThat(Providers.generation()).as("each finished load moves the generation").isGreaterThanOrEqualTo(before + 2);
    assertThat(table.settled(JwsAlgorithm.ES512)).isTrue();
  }

  @Test
  void theLineSaysAFasterEngineIsLoadingUntilTheLoadIsDoneThenNamesIt() throws Exception {
    // the Bouncy Castle load waits for the test, so "still loading" cannot race a fast load
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
    EngineTable table = new EngineTable(
        new EngineTable.Loader("test-accp-loader", () -> Providers.Accp.load("com.example.NoSuchProvider")),
        new EngineTable.Loader("test-bc-loader", () -> {
          entered.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return Engine.of(Providers.bouncyCastle(), "BC (test)");
        }));
    do {
      table.ready(JwsAlgorithm.ES512); // ACCP's (absent) load first, then Bouncy Castle's, which waits for the test
    } while (!entered.await(5, java.util.concurrent.TimeUnit.MILLISECONDS));
    assertThat(table.describe(JwsAlgorithm.ES512)).matches("ES512 → SunEC [0-9.]+ \\(JDK\\) \\(a faster engine is still loading\\)");
    release.countDown();
    table.loaded(JwsAlgorithm.ES512);
    assertThat(table.describe(JwsAlgorithm.ES512)).isEqualTo("ES512 → BC (test)");
  }

  @Test
  void theLoaderIsANamedDaemonThreadSoItNeverKeepsTheJvmAlive() {
    Thread loader = Providers.loaderThread(() -> { });
    assertThat(loader.isDaemon()).isTrue();
    assertThat(loader.getName()).isEqualTo("jwt-signer-bouncycastle-loader");
    assertThat(Providers.loaderThread(() -> { }, Providers.ACCP_LOADER_THREAD).isDaemon()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(JwsAlgorithm.class)
  void onceLoadedTheVerifierIsInitializedOnTheFastestEngineAndVerifiesWhatTheJdkSigned(JwsAlgorithm alg) throws Exception {
    String name = alg == JwsAlgorithm.ES512 ? "p521" : alg == JwsAlgorithm.RS256 ? "rsa2048" : "rsa4096";
    Signature jdk = Signature.getInstance(Providers.signatureName(alg));
    jdk.initSign(KeySource.fromPemText(TestKeys.pem(name + ".pem")).signingKey().privateKey());
    jdk.update(new byte[] {1, 2, 3});
    byte[] signature = jdk.sign();

    Providers.engines(alg); // the loads, finished, as a moment after a server's first tokens
    Signature verifier = Providers.verifier(alg, publicKey(name, alg.keyAlgorithm()));
    verifier.update(new byte[] {1, 2, 3});

    assertThat(verifier.getProvider().getName()).isEqualTo("AmazonCorrettoCryptoProvider");
    assertThat(verifier.verify(signature)).isTrue();
  }

  @Test
  void aVerifyingEngineThatRefusesTheKeyIsLeftForTheNext() throws Exception {
    List<Engine> engines = List.of(TestEngines.throwing(TestEngines.Stage.INIT), Providers.jdk(JwsAlgorithm.RS256));
    Signature verifier = Providers.verifier(engines, JwsAlgorithm.RS256, publicKey("rsa2048", "RSA"));
    assertThat(verifier.getAlgorithm()).isEqualTo("SHA256withRSA");
    assertThatThrownBy(() -> Providers.verifier(List.of(TestEngines.throwing(TestEngines.Stage.INIT)),
        JwsAlgorithm.RS256, publicKey("rsa2048", "RSA"))).hasMessage("test: this engine refuses every key");
  }

  @ParameterizedTest
  @CsvSource({"ES512, p521", "RS256, rsa2048"})
  void aProcessThatSignsAndVerifiesOneTokenLoadsNeitherAccpNorBouncyCastle(JwsAlgorithm alg, String key) throws Exception {
    // a fresh JVM with this test's class path (ACCP and Bouncy Castle on it), its class-loading log on stdout
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-verbose:class", "-cp", System.getProperty("java.class.path"),
        OneTokenProcess.class.getName(), alg.name(), key).redirectErrorStream(true).start();
    String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(log.lines().filter(line -> !line.contains("[class,load]")).toList().toString()).isZero();
    assertThat(log).contains("verified true, " + alg + " → ")
        .contains(" (a faster engine, if present, loads once signing has gone on for a moment)");
    assertThat(log.lines().filter(line -> line.contains("org.bouncycastle.") || line.contains("com.amazon.corretto.")))
        .as("classes of an engine the process never used").isEmpty();
  }

  static PublicKey publicKey(String name, String keyAlg) throws Exception {
    String pem = TestKeys.pem(name + ".pub.pem").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance(keyAlg).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
  }
}
