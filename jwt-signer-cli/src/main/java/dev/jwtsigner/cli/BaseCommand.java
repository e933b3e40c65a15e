package dev.jwtsigner.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** What every command shares: its streams, the context, {@code --json}, and reading {@code FILE|-}. */
abstract class BaseCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  /** Set by the factory in {@link JwtSignerCli#commandLine}. */
  JwtSignerCli root;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  Context context() {
    return root.context;
  }

  boolean json() {
    return root.json;
  }

  void printJson(Object value) {
    out().println(Json.pretty(value));
  }

  /** A usage error (exit 2) for this command. */
  ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** The text of {@code file}, or of standard input for {@code -}; an unreadable file is a usage error. */
  String readText(String file, String what) {
    try {
      if ("-".equals(file)) {
        return new String(context().stdin().readAllBytes(), StandardCharsets.UTF_8);
      }
      return Files.readString(context().path(file), StandardCharsets.UTF_8);
    } catch (IOException | java.io.UncheckedIOException | java.nio.file.InvalidPathException e) {
      throw usage("cannot read " + what + " " + ("-".equals(file) ? "from standard input" : "file '" + file + "'")
          + " (" + e.getClass().getSimpleName() + "). Fix: pass a readable file, or - for standard input.");
    }
  }

  /**
   * A token given as text, as a file holding it, or as {@code -} for standard input. A token is never a
   * file name, so an existing file wins; anything else is taken as the token itself.
   */
  String readToken(String tokenOrFile) {
    if ("-".equals(tokenOrFile)) {
      return readText("-", "the token").strip();
    }
    if (isFile(context(), tokenOrFile)) {
      return readText(tokenOrFile, "the token").strip();
    }
    if (!tokenOrFile.contains(".")) {
      // neither a JWS nor an existing file: most likely a mistyped file name (not echoed: it may be a secret)
      throw usage("the TOKEN argument is neither a readable file nor a compact JWS (three parts joined by dots)."
          + " Fix: pass the token, a file holding it, or - for standard input.");
    }
    return tokenOrFile.strip();
  }

  static boolean isFile(Context context, String name) {
    try {
      return name.length() <= 4096 && Files.isRegularFile(context.path(name));
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
  }
}
