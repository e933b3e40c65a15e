package dev.jwtsigner.cli;

import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.Violation;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * How failures reach the user: a library refusal prints its reason, every rule and fix on stderr (exit 1);
 * a usage error prints the problem and the command's usage line (exit 2); anything else prints its type
 * only, and its stack trace with {@code --verbose} (exit 1). No message here echoes key material or claim
 * values: library messages never hold them, and unexpected exceptions are named, not quoted.
 */
final class Errors implements IExecutionExceptionHandler {

  static final int REFUSED = 1;
  static final int USAGE = 2;

  private final JwtSignerCli root;

  Errors(JwtSignerCli root) {
    this.root = root;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
    PrintWriter err = cl.getErr();
    String name = cl.getCommandSpec().qualifiedName();
    if (e instanceof JwtSignerException refusal) {
      err.println(name + ": refused (" + refusal.reason() + "): " + headline(refusal));
      for (Violation v : refusal.violations()) {
        err.println("  - " + v.field() + " [" + v.rule() + "]: " + v.message());
        err.println("    Fix: " + v.fix());
      }
      if (root.json()) {
        Map<String, Object> json = Json.object();
        json.put("error", refusal.reason().name());
        json.put("message", headline(refusal));
        json.put("violations", violations(refusal.violations()));
        cl.getOut().println(Json.pretty(json));
      }
      if (root.verbose()) {
        e.printStackTrace(err);
      }
      return REFUSED;
    }
    err.println(name + ": failed with " + e.getClass().getName() + (root.verbose() ? "" : "; run with --verbose for the stack trace"));
    if (root.verbose()) {
      e.printStackTrace(err);
    }
    return REFUSED;
  }

  /** A usage error: the problem, the command's synopsis and where to read more; exit 2. */
  static int usage(ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    String name = cl.getCommandSpec().qualifiedName();
    err.println(name + ": " + message(e));
    err.print(cl.getHelp().synopsis(0));
    err.println("Try '" + name + " --help' for more information.");
    return USAGE;
  }

  /**
   * The problem in words. For unknown arguments only the option names are shown: a stray value may be a
   * secret typed where it does not belong (such as {@code --passphrase hunter2}).
   */
  private static String message(ParameterException e) {
    if (e instanceof CommandLine.UnmatchedArgumentException u) {
      List<String> options = u.getUnmatched().stream().filter(a -> a.startsWith("-")).map(a -> a.split("=", 2)[0]).toList();
      long others = u.getUnmatched().size() - options.size();
      String named = options.isEmpty() ? "unexpected arguments" : "unknown option" + (options.size() == 1 ? " " : "s ")
          + String.join(", ", options);
      return named + (others > 0 ? " (and " + others + " more argument" + (others == 1 ? "" : "s") + ", not shown)" : "")
          + "." + (options.stream().anyMatch(o -> o.contains("pass"))
              ? " Passphrases are never arguments: use --passphrase-env, --passphrase-file or --ask-passphrase." : "");
    }
    return e.getMessage();
  }

  /** Each violation as a JSON-ready map: field, rule, message, fix. */
  static List<Map<String, Object>> violations(List<Violation> violations) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Violation v : violations) {
      Map<String, Object> m = Json.object();
      m.put("field", v.field());
      m.put("rule", v.rule().name());
      m.put("message", v.message());
      m.put("fix", v.fix());
      list.add(m);
    }
    return list;
  }

  /** The exception's own sentence, without the violation lines its message appends. */
  static String headline(JwtSignerException e) {
    String message = e.getMessage() == null ? e.reason().name() : e.getMessage();
    int cut = message.indexOf("\n  - ");
    return cut < 0 ? message : message.substring(0, cut);
  }
}
