package dev.jwtsigner.cli;

import java.io.Console;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;

/**
 * What a command reads from the world: standard input, the environment (passphrase variables), the clock
 * and the no-echo passphrase prompt. Tests pass their own; {@link #system()} is the real one.
 *
 * @param stdin where {@code -} reads from
 * @param env the environment variables
 * @param clock "now" for signing, verifying and the debugger's timeline
 * @param prompt asks for a passphrase without echo; empty when there is no terminal
 * @param cwd the folder relative file names are read from and written to
 */
record Context(InputStream stdin, Map<String, String> env, InstantSource clock, Prompt prompt, Path cwd) {

  /** Asks the user for a secret without echoing it. */
  @FunctionalInterface
  interface Prompt {
    /** The typed secret, or empty when no terminal is attached. */
    Optional<char[]> ask(String question);
  }

  /** {@code name} resolved against {@link #cwd()}. */
  Path path(String name) {
    return cwd.resolve(name);
  }

  static Context system() {
    return new Context(System.in, System.getenv(), InstantSource.system(), question -> {
      Console console = System.console();
      return console == null || !isTerminal(console) ? Optional.empty() : Optional.ofNullable(console.readPassword("%s", question));
    }, Path.of(""));
  }

  /** JDK 22 and newer return a console when there is no terminal too; {@code isTerminal()} tells them apart. */
  private static boolean isTerminal(Console console) {
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // before JDK 22, a console exists only on a terminal
    }
  }
}
