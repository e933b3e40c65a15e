package dev.jwtsigner.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Runs the command line in-process, as a user would type it, with captured streams. */
final class Cli {

  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private String stdin = "";
  private final Map<String, String> env = new HashMap<>();
  private InstantSource clock = InstantSource.fixed(NOW);
  private char[] typed;
  private Path cwd;

  /** What a run printed and returned. */
  record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  static Cli cli() {
    return new Cli();
  }

  Cli stdin(String text) {
    this.stdin = text;
    return this;
  }

  Cli env(String name, String value) {
    env.put(name, value);
    return this;
  }

  Cli at(Instant now) {
    this.clock = InstantSource.fixed(now);
    return this;
  }

  /** What the user types at the passphrase prompt; without it there is no terminal. */
  Cli typing(String passphrase) {
    this.typed = passphrase.toCharArray();
    return this;
  }

  /** The folder relative names resolve against (default: the JVM's working folder). */
  Cli in(Path folder) {
    this.cwd = folder;
    return this;
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Context context = new Context(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), Map.copyOf(env), clock,
        question -> Optional.ofNullable(typed == null ? null : typed.clone()), cwd == null ? Path.of("") : cwd);
    int code = JwtSignerCli.execute(context, new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }
}
