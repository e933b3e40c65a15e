package dev.jwtsigner.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

/**
 * What every command shares: its picocli model, its streams, the context, {@code --json}, and reading
 * {@code FILE|-}. The model is built with picocli's programmatic API, not from annotations: reading the
 * first annotation costs a short command ~20 ms (a proxy class per annotation type, which no class-data
 * archive holds), and reflecting over fields more.
 *
 * <pre>{@code
 * final class HelloCommand extends BaseCommand {
 *   HelloCommand(JwtSignerCli root) { super(root, "hello", "Say hello."); }
 *   void define(CommandSpec spec) { spec.addOption(option("--name", "NAME", "Whom to greet.").build()); }
 *   public Integer call() { out().println("hello " + value("--name")); return 0; }
 * }
 * }</pre>
 */
abstract class BaseCommand implements Callable<Integer> {

  final JwtSignerCli root;
  private final String name;
  private final String[] description;
  CommandSpec spec;

  BaseCommand(JwtSignerCli root, String name, String... description) {
    this.root = root;
    this.name = name;
    this.description = description;
  }

  /** Adds this command's options, parameters and subcommands, in the order the help lists them. */
  abstract void define(CommandSpec spec);

  /** This command's model: its own arguments, then {@code -h} and {@code -V} (the inherited ones follow). */
  final CommandSpec build() {
    spec = CommandSpec.wrapWithoutInspection(this).name(name);
    spec.usageMessage().sortOptions(false).description(description);
    define(spec);
    JwtSignerCli.addHelpOptions(spec);
    return spec;
  }

  /** An option taking a text value, to refine ({@code type}, {@code required}, ...) and build. */
  static OptionSpec.Builder option(String name, String label, String description) {
    return OptionSpec.builder(name).paramLabel(label).description(description).type(String.class);
  }

  /** An option without a value, false unless given. */
  static OptionSpec.Builder flag(String description, String... names) {
    return OptionSpec.builder(names).description(description).arity("0").type(boolean.class).initialValue(false);
  }

  /** A required text parameter. */
  static PositionalParamSpec.Builder parameter(String label, String description) {
    return PositionalParamSpec.builder().paramLabel(label).description(description).type(String.class).arity("1").required(true);
  }

  /** The parsed value of option {@code name} (its initial value, or null, when not given). */
  @SuppressWarnings("unchecked")
  <T> T value(String name) {
    return (T) spec.findOption(name).getValue();
  }

  /** The parsed value of the first parameter. */
  String parameter() {
    return spec.positionalParameters().get(0).getValue();
  }

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
    return root.json();
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
