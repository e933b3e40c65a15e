package dev.jwtsigner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.testkit.FakeKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar, run as users run it: {@code java -jar jwt-signer.jar ...} in its own process. */
class JwtSignerJarIT {

  static final Path JAR = Path.of(System.getProperty("jwtsigner.cli.jar", "target/jwt-signer.jar"));

  @TempDir
  Path dir;

  record Run(int exitCode, String out, String err) {}

  private Run run(String... args) throws Exception {
    return run(List.of(), args);
  }

  private Run run(List<String> jvmOptions, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void runsEveryStepOfTheKeyToTokenPathAsAProcess() throws Exception {
    Run version = run("--version");
    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).startsWith("jwt-signer 0.2.0\n");

    assertThat(run("keygen", "--platform", "atomic", "--out", "keys").exitCode()).isZero();
    Run sign = run("sign", "atomic", "--key", "keys/private.pem", "--sub", "user-1", "--expires-in", "3h");
    assertThat(sign.exitCode()).as(sign.err()).isZero();
    Files.writeString(dir.resolve("token.txt"), sign.out());

    Run inspect = run("inspect", "token.txt");
    assertThat(inspect.exitCode()).isZero();
    assertThat(inspect.out()).contains("\"sub\" : \"user-1\"").contains("expires in 2 h 59 min");
    assertThat(run("verify", "atomic", "token.txt", "--trust", "keys/public-rsa.pem").exitCode()).isZero();
    Run refused = run("verify", "atomic", "token.txt", "--trust", "keys/public.pem", "--max-expiry", "1h");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.out()).contains("[EXPIRY_BEYOND_MAXIMUM]");

    Run usage = run("verify", "atomic", "token.txt");
    assertThat(usage.exitCode()).isEqualTo(2);
    assertThat(usage.err()).startsWith("jwt-signer verify atomic: Missing required option: '--trust=KEY|JWKS'");
  }

  @Test
  void theEverydayCommandsReadNoAnnotation() throws Exception {
    assertThat(run("keygen", "--platform", "atomic", "--alg", "ES512", "--out", "keys").exitCode()).isZero();
    Files.writeString(dir.resolve("token.txt"), run("sign", "atomic", "--key", "keys/private.pem", "--sub", "u").out());
    List<List<String>> commands = List.of(List.of("sign", "atomic", "--key", "keys/private.pem", "--sub", "u"),
        List.of("inspect", "token.txt"), List.of("verify", "atomic", "token.txt", "--trust", "keys/public.pem"),
        List.of("keys", "inspect", "keys/private.pem"), List.of("--version"));
    for (List<String> command : commands) {
      Path log = dir.resolve("classes.txt");
      Run r = run(List.of("-Xlog:class+load=info:file=" + log), command.toArray(String[]::new));
      assertThat(r.exitCode()).as(r.err()).isZero();
      // the JDK makes a proxy class for each annotation type read: picocli's model is built without any
      assertThat(Files.readString(log)).as(String.join(" ", command)).contains("dev.jwtsigner.cli.JwtSignerCli ")
          .doesNotContainPattern("jdk\\.proxy\\d|\\$Proxy\\d");
    }
  }

  @Test
  void theDebuggerServesLoopbackAndPrintsNothingOfTheToken() throws Exception {
    Path out = dir.resolve("debugger.out");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        JAR.toAbsolutePath().toString(), "debugger", "--port", "0").redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!Files.readString(out).contains("\n") && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      String first = Files.readString(out).lines().findFirst().orElse("");
      assertThat(first).startsWith("Debugger on http://127.0.0.1:");
      URI uri = URI.create(first.replaceAll(".*(http://127\\.0\\.0\\.1:\\d+/).*", "$1"));
      String token = dev.jwtsigner.atomic.AtomicTokenBuilder.create(FakeKeys.rsa2048().keySource()).subject("secret-user-7").sign();
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri.resolve("/api/check"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + token + "\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("\"sub\" : \"secret-user-7\"");
      p.destroy(); // SIGTERM: the shutdown hook stops the server
      assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(Files.readString(out)).doesNotContain(token.split("\\.")[1]).doesNotContain("secret-user-7");
    } finally {
      p.destroyForcibly();
    }
  }

  /** Runs bin/jwt-signer with {@code env} added to this JVM's environment (JAVA_HOME: this JVM's). */
  private Run launch(java.util.Map<String, String> env, String... args) throws IOException, InterruptedException {
    Path launcher = JAR.toAbsolutePath().getParent().getParent().resolve("bin/jwt-signer");
    List<String> command = new ArrayList<>(List.of("sh", launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder b = new ProcessBuilder(command);
    b.environment().put("JAVA_HOME", System.getProperty("java.home"));
    b.environment().putAll(env);
    Path out = dir.resolve("launcher-out.txt");
    Path err = dir.resolve("launcher-err.txt");
    Process p = b.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  /**
   * The files of the launcher's cache folder once its background training has finished (the lock folder gone
   * and an archive or a failure mark written), waiting up to a minute and a half.
   */
  private static List<String> afterTraining(Path cache) throws IOException, InterruptedException {
    Path folder = cache.resolve("jwt-signer");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (true) {
      List<String> names;
      try (var files = Files.list(folder)) {
        names = files.map(f -> f.getFileName().toString()).sorted().toList();
      }
      boolean done = names.stream().noneMatch(n -> n.endsWith(".lock"))
          && names.stream().anyMatch(n -> n.endsWith(".jsa") || n.endsWith(".aot") || n.endsWith(".failed"));
      if (done || System.nanoTime() > deadline) {
        return names;
      }
      Thread.sleep(100);
    }
  }

  @Test
  void theLauncherTrainsAClassDataArchiveAfterTheFirstRunAndStartsFromItAfter() throws Exception {
    Path cache = dir.resolve("cache");
    java.util.Map<String, String> env = java.util.Map.of("XDG_CACHE_HOME", cache.toString());

    Run first = launch(env, "--version");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).startsWith("jwt-signer ");
    assertThat(first.err()).isEmpty();
    String kind = Runtime.version().feature() >= 25 ? ".aot" : ".jsa"; // an AOT cache, or a static AppCDS archive
    List<String> files = afterTraining(cache);
    assertThat(files).as("one archive, no temporary file, lock or failure mark left").singleElement()
        .satisfies(name -> assertThat(name).matches("\\d+\\" + kind));
    assertThat(Files.size(cache.resolve("jwt-signer").resolve(files.get(0)))).isGreaterThan(1_000_000);

    Path log = dir.resolve("classes.txt");
    Run second = launch(java.util.Map.of("XDG_CACHE_HOME", cache.toString(),
        "JWT_SIGNER_JAVA_OPTS", "-Xlog:class+load=info:file=" + log), "inspect", "--help");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).startsWith("Usage: jwt-signer inspect");
    assertThat(second.err()).isEmpty();
    // the training ran inspect although the first run was --version: its classes come from the archive
    assertThat(Files.readString(log)).as("classes mapped from the archive")
        .contains("dev.jwtsigner.cli.InspectCommand source: shared objects file");
    // --help reaches no core class (the model is built without reflection): a token does
    String token = dev.jwtsigner.atomic.AtomicTokenBuilder.create(FakeKeys.rsa2048().keySource()).subject("u").sign();
    Run third = launch(java.util.Map.of("XDG_CACHE_HOME", cache.toString(),
        "JWT_SIGNER_JAVA_OPTS", "-Xlog:class+load=info:file=" + log), "inspect", token);
    assertThat(third.exitCode()).as(third.err()).isZero();
    assertThat(Files.readString(log)).as("core classes mapped from the archive")
        .contains("dev.jwtsigner.atomic.AtomicPolicy source: shared objects file");
    if (kind.equals(".jsa")) {
      // a static archive holds picocli's classes, which a JDK 17 dynamic archive leaves out (built for Java 5)
      assertThat(Files.readString(log)).contains("picocli.CommandLine source: shared objects file");
    }
    assertThat(afterTraining(cache)).as("a run that has an archive trains none").isEqualTo(files);
  }

  @Test
  void aTrainingThatFailsLeavesAMarkAndIsNotTriedAgain() throws Exception {
    // a JDK whose java runs every command but fails the training run
    Path fakeHome = dir.resolve("jdk");
    Files.createDirectories(fakeHome.resolve("bin"));
    Path fakeJava = fakeHome.resolve("bin/java");
    Files.writeString(fakeJava, "#!/bin/sh\nfor a in \"$@\"; do [ \"$a\" = dev.jwtsigner.cli.Training ] && exit 3; done\nexec '"
        + Path.of(System.getProperty("java.home"), "bin", "java") + "' \"$@\"\n");
    assertThat(fakeJava.toFile().setExecutable(true)).isTrue();
    Path cache = dir.resolve("cache");
    java.util.Map<String, String> env = java.util.Map.of("XDG_CACHE_HOME", cache.toString(), "JAVA_HOME", fakeHome.toString());

    Run first = launch(env, "--version");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).startsWith("jwt-signer ");
    List<String> files = afterTraining(cache);
    assertThat(files).as("a failure mark, no archive, no lock, no temporary file").singleElement()
        .satisfies(name -> assertThat(name).matches("\\d+\\.failed"));

    Run second = launch(env, "--version");
    assertThat(second.exitCode()).as(second.err()).isZero();
    Thread.sleep(500); // a training, were one started, would hold its lock by now
    assertThat(afterTraining(cache)).isEqualTo(files);
  }

  @Test
  void aBrokenArchiveOrNoCacheStillRunsTheCommand() throws Exception {
    Path cache = dir.resolve("cache");
    java.util.Map<String, String> env = java.util.Map.of("XDG_CACHE_HOME", cache.toString());
    assertThat(launch(env, "--version").exitCode()).isZero();
    afterTraining(cache);
    try (var files = Files.list(cache.resolve("jwt-signer"))) {
      for (Path archive : files.toList()) {
        Files.write(archive, new byte[] {1, 2, 3, 4}); // truncated garbage, as a full disk leaves
      }
    }
    Run broken = launch(env, "--version");
    assertThat(broken.exitCode()).as(broken.err()).isZero();
    assertThat(broken.out()).startsWith("jwt-signer ");

    Path noCache = dir.resolve("not-a-folder");
    Files.writeString(noCache, "a file where the cache folder would be");
    Run off = launch(java.util.Map.of("XDG_CACHE_HOME", noCache.toString()), "--version");
    assertThat(off.exitCode()).as(off.err()).isZero();
    Run disabled = launch(java.util.Map.of("XDG_CACHE_HOME", cache.resolve("other").toString(), "JWT_SIGNER_CDS", "off"), "--version");
    assertThat(disabled.exitCode()).isZero();
    assertThat(cache.resolve("other")).as("JWT_SIGNER_CDS=off writes nothing").doesNotExist();
  }
}
