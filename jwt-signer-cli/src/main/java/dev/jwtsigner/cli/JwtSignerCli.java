package dev.jwtsigner.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Properties;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code jwt-signer} command: key pairs, key files, tokens, verdicts and the offline debugger page.
 *
 * <pre>{@code
 * java -jar jwt-signer.jar keygen --platform atomic --out keys-out
 * java -jar jwt-signer.jar sign atomic --key keys-out/private.pem --sub user-1 --expires-in 3h
 * java -jar jwt-signer.jar verify atomic token.txt --trust keys-out/public.pem
 * }</pre>
 *
 * <p>Exit codes: 0 done (or accepted), 1 refused (a library refusal, or a verdict that refuses), 2 usage error.
 */
@Command(name = "jwt-signer", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
    versionProvider = JwtSignerCli.Version.class, sortOptions = false, usageHelpAutoWidth = true,
    description = "Make keys, sign and verify tokens the way the Atomic SDK and Apto Mobile API check them, offline.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done; the token is accepted", "1:refused: a rule, a key or a verdict said no (reason, rule and fix on stderr)",
        "2:usage: an unknown option, a missing argument, an unreadable file"})
public final class JwtSignerCli implements Runnable {

  /** The commands, in the order the help lists them. */
  static final List<Class<?>> COMMANDS = List.of(KeygenCommand.class, KeysCommand.class, SignCommand.class,
      VerifyCommand.class, InspectCommand.class, DebuggerCommand.class, AutoComplete.GenerateCompletion.class);

  @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print the answer as JSON, for scripts.")
  boolean json;

  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces of unexpected errors.")
  boolean verbose;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  final Context context;

  JwtSignerCli(Context context) {
    this.context = context;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command");
  }

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int status = execute(Context.system(), out, err, args);
    out.flush();
    err.flush();
    System.exit(status);
  }

  /** Runs {@code args} with {@code context}, writing to {@code out} and {@code err}; returns the exit code. */
  static int execute(Context context, PrintWriter out, PrintWriter err, String... args) {
    return commandLine(context, out, err, args.length == 0 ? null : args[0]).execute(args);
  }

  /** The configured command line with every command: commands get the context, errors print reason, rule and fix. */
  static CommandLine commandLine(Context context, PrintWriter out, PrintWriter err) {
    return commandLine(context, out, err, null);
  }

  /**
   * As {@link #commandLine(Context, PrintWriter, PrintWriter)}, with only the command named {@code first} when
   * it names one: picocli reflects over every option of every command it is given, and a short command such as
   * {@code inspect TOKEN} should not pay for the others. Anything else ({@code --help}, a mistyped name, an
   * option first, {@code generate-completion}) gets them all, so the help and the completion script list
   * every command.
   */
  static CommandLine commandLine(Context context, PrintWriter out, PrintWriter err, String first) {
    boolean one = first != null && !first.equals("generate-completion") && COMMANDS.stream().anyMatch(c -> name(c).equals(first));
    JwtSignerCli root = new JwtSignerCli(context);
    CommandLine.IFactory defaults = CommandLine.defaultFactory();
    CommandLine cl = new CommandLine(root, new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        K made = defaults.create(cls);
        if (made instanceof BaseCommand command) {
          command.root = root;
        }
        return made;
      }
    });
    for (Class<?> command : COMMANDS) {
      if (!one || name(command).equals(first)) {
        cl.addSubcommand(command);
      }
    }
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(new Errors(root));
    cl.setParameterExceptionHandler(Errors::usage);
    // the completion script is a hidden helper; `jwt-signer generate-completion` prints it (docs/cli.md)
    CommandLine completion = cl.getSubcommands().get("generate-completion");
    if (completion != null) {
      completion.getCommandSpec().usageMessage().hidden(true);
    }
    return cl;
  }

  private static String name(Class<?> command) {
    return command.getAnnotation(Command.class).name();
  }

  /** The version from the build (version.properties, filtered by Maven). */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = JwtSignerCli.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"jwt-signer " + p.getProperty("version", "unknown"),
          "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
  }
}
