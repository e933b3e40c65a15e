package dev.jwtsigner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.atomic.AtomicTokenBuilder;
import dev.jwtsigner.testkit.FakeKeys;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The debugger page in a real browser: Debian's chromium driven by playwright-core (src/test/js). Skipped,
 * saying why, when node, chromium or the npm package is missing; on CI (CI=true) it never skips.
 */
class DebuggerBrowserTest {

  static final Path MODULE = Path.of(System.getProperty("jwtsigner.cli.module", "."));

  @TempDir
  Path dir;

  @Test
  void showsTheVerdictEveryViolationAndTheTimelineForAnAcceptedAndARefusedToken() throws Exception {
    Optional<Path> node = onPath("node");
    Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    Path playwright = MODULE.resolve("node_modules/playwright-core/package.json");
    String missing = node.isEmpty() ? "node is not on the PATH"
        : !Files.isExecutable(chromium) ? chromium + " is missing (apt-get install chromium)"
        : !Files.exists(playwright) ? "playwright-core is not installed (npm ci --prefix jwt-signer-cli)" : null;
    if (missing != null) {
      assertThat(System.getenv("CI")).as("on CI the browser test must run, but " + missing).isNotEqualTo("true");
      Assumptions.abort("browser test skipped: " + missing);
    }
    try (DebuggerServer server = DebuggerServer.start(0, InstantSource.fixed(Cli.NOW))) {
      String token = AtomicTokenBuilder.create(FakeKeys.rsa2048().keySource()).clock(InstantSource.fixed(Cli.NOW.minusSeconds(600)))
          .subject("user-1").expiresIn(Duration.ofHours(3)).sign();
      String trust = FakeKeys.rsa2048().publicKeyPem();
      Path target = MODULE.resolve("target");
      Files.createDirectories(target);
      Map<String, Object> config = Map.of(
          "url", server.uri().toString(),
          "chromium", chromium.toString(),
          "userDataDir", Files.createDirectories(dir.resolve("profile")).toString(),
          "runs", List.of(
              Map.of("name", "accepted", "token", token, "trust", trust, "verdictClass", "accepted",
                  "verdict", "ACCEPTED (user ID from sub)", "rules", List.of(),
                  "screenshot", target.resolve("debugger-accepted.png").toString()),
              Map.of("name", "refused", "token", token, "trust", FakeKeys.rsa2048(2).publicKeyPem(), "maxExpiry", "1h",
                  "verdictClass", "refused", "verdict", "REFUSED: 2 rules broken",
                  "rules", List.of("SIGNATURE_INVALID", "EXPIRY_BEYOND_MAXIMUM"),
                  "screenshot", target.resolve("debugger-refused.png").toString())));
      Path file = Files.writeString(dir.resolve("config.json"), Json.pretty(config));
      Path log = dir.resolve("node.log");
      Process p = new ProcessBuilder(node.get().toString(), MODULE.resolve("src/test/js/debugger-page.mjs").toString(), file.toString())
          .directory(MODULE.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      boolean done = p.waitFor(120, TimeUnit.SECONDS);
      if (!done) {
        p.destroyForcibly();
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      assertThat(done).as("node finished within 120 s\n" + output).isTrue();
      assertThat(p.exitValue()).as(output).isZero();
      assertThat(output).contains("debugger page: 2 runs passed");
      assertThat(target.resolve("debugger-refused.png")).isNotEmptyFile();
    }
  }

  private static Optional<Path> onPath(String program) {
    for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(folder, program);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
