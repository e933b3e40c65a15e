package dev.jwtsigner.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
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
 * The commands' models are built with picocli's programmatic API ({@link BaseCommand}): a run reads no
 * annotation, except {@code generate-completion}, which is picocli's own annotated command.
 */
public final class JwtSignerCli implements Runnable {

  /** The commands, in the order the help lists them. */
  static final Map<String, Function<JwtSignerCli, BaseCommand>> COMMANDS = commands();

  private static Map<String, Function<JwtSignerCli, BaseCommand>> commands() {
    Map<String, Function<JwtSignerCli, BaseCommand>> m = new LinkedHashMap<>();
    m.put("keygen", KeygenCommand::new);
    m.put("keys", KeysCommand::new);
    m.put("sign", SignCommand::new);
    m.put("verify", VerifyCommand::new);
    m.put("inspect", InspectCommand::new);
    m.put("debugger", DebuggerCommand::new);
    return m;
  }

  private static final String COMPLETION = "generate-completion";

  final Context context;
  final CommandSpec spec = CommandSpec.wrapWithoutInspection(this).name("jwt-signer");

  JwtSignerCli(Context context) {
    this.context = context;
    spec.scopeType(ScopeType.INHERIT).versionProvider(new Version());
    spec.usageMessage().sortOptions(false).autoWidth(true)
        .description("Make keys, sign and verify tokens the way the Atomic SDK and Apto Mobile API check them, offline.")
        .exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodes());
    spec.addOption(BaseCommand.flag("Print the answer as JSON, for scripts.", "--json").scopeType(ScopeType.INHERIT).build());
    spec.addOption(BaseCommand.flag("Print stack traces of unexpected errors.", "--verbose").scopeType(ScopeType.INHERIT).build());
    addHelpOptions(spec);
  }

  private static Map<String, String> exitCodes() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("0", "done; the token is accepted");
    m.put("1", "refused: a rule, a key or a verdict said no (reason, rule and fix on stderr)");
    m.put("2", "usage: an unknown option, a missing argument, an unreadable file");
    return m;
  }

  /**
   * {@code -h} and {@code -V}, as picocli's {@code mixinStandardHelpOptions} adds them; that mixin is
   * annotated, so reading it would cost the start-up this model avoids.
   */
  static void addHelpOptions(CommandSpec spec) {
    spec.addOption(BaseCommand.flag("Show this help message and exit.", "-h", "--help").usageHelp(true).build());
    spec.addOption(BaseCommand.flag("Print version information and exit.", "-V", "--version").versionHelp(true).build());
  }

  boolean json() {
    return spec.findOption("--json").<Boolean>getValue();
  }

  boolean verbose() {
    return spec.findOption("--verbose").<Boolean>getValue();
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
    boolean version = args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    return commandLine(context, out, err, args.length == 0 ? null : args[0], !version).execute(args);
  }

  /** The configured command line with every command: commands get the context, errors print reason, rule and fix. */
  static CommandLine commandLine(Context context, PrintWriter out, PrintWriter err) {
    return commandLine(context, out, err, null);
  }

  /**
   * As {@link #commandLine(Context, PrintWriter, PrintWriter)}, with only the command named {@code first} when
   * it names one: a short command such as {@code inspect TOKEN} should not pay for building the others.
   * Anything else ({@code --help}, a mistyped name, an option first, {@code generate-completion}) gets them
   * all, so the help and the completion script list every command.
   */
  static CommandLine commandLine(Context context, PrintWriter out, PrintWriter err, String first) {
    return commandLine(context, out, err, first, true);
  }

  /**
   * As above; {@code withCompletion} false leaves out {@code generate-completion}, picocli's annotated command,
   * whose model costs the first annotation read (~20 ms): a lone {@code --version} has no use for it.
   */
  private static CommandLine commandLine(Context context, PrintWriter out, PrintWriter err, String first, boolean withCompletion) {
    boolean one = first != null && COMMANDS.containsKey(first);
    JwtSignerCli root = new JwtSignerCli(context);
    CommandLine cl = new CommandLine(root.spec);
    COMMANDS.forEach((name, command) -> {
      if (!one || name.equals(first)) {
        cl.addSubcommand(name, command.apply(root).build());
      }
    });
    if (!one && withCompletion) {
      cl.addSubcommand(COMPLETION, new AutoComplete.GenerateCompletion());
    }
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(new Errors(root));
    cl.setParameterExceptionHandler(Errors::usage);
    // the completion script is a hidden helper; `jwt-signer generate-completion` prints it (docs/cli.md)
    CommandLine completion = cl.getSubcommands().get(COMPLETION);
    if (completion != null) {
      completion.getCommandSpec().usageMessage().hidden(true);
    }
    return cl;
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
