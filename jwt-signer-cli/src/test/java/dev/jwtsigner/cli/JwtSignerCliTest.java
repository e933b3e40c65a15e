package dev.jwtsigner.cli;

import static dev.jwtsigner.cli.Cli.cli;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class JwtSignerCliTest {

  /** Every command's name path, from the real command tree: {@code [keys, inspect]}, ... */
  static List<List<String>> commands() {
    List<List<String>> all = new ArrayList<>();
    collect(JwtSignerCli.commandLine(Context.system(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())),
        new ArrayList<>(), all);
    return all;
  }

  private static void collect(CommandLine cl, List<String> path, List<List<String>> all) {
    all.add(List.copyOf(path));
    cl.getSubcommands().forEach((name, sub) -> {
      if (!name.equals("generate-completion")) {
        List<String> next = new ArrayList<>(path);
        next.add(name);
        collect(sub, next, all);
      }
    });
  }

  @Test
  void everyCommandHasHelpAndVersion() {
    List<List<String>> commands = commands();
    assertThat(commands).contains(List.of("keygen"), List.of("keys", "inspect"), List.of("keys", "convert"),
        List.of("sign", "atomic"), List.of("sign", "payload"), List.of("verify", "atomic"), List.of("verify", "payload"),
        List.of("inspect"), List.of("debugger"));
    for (List<String> command : commands) {
      List<String> help = new ArrayList<>(command);
      help.add("--help");
      Cli.Result h = cli().run(help.toArray(String[]::new));
      assertThat(h.exitCode()).as(String.join(" ", help)).isZero();
      assertThat(h.out()).as(String.join(" ", help)).startsWith("Usage: jwt-signer" + (command.isEmpty() ? "" : " " + String.join(" ", command)))
          .contains("--json").contains("--version");
      List<String> version = new ArrayList<>(command);
      version.add("--version");
      Cli.Result v = cli().run(version.toArray(String[]::new));
      assertThat(v.exitCode()).isZero();
      assertThat(v.out()).as(String.join(" ", version)).startsWith("jwt-signer ").doesNotContain("unknown");
    }
  }

  @Test
  void everyCommandsHelpIsTheRecordedText() throws IOException {
    for (List<String> command : commands()) {
      List<String> help = new ArrayList<>(command);
      help.add("--help");
      String name = command.isEmpty() ? "jwt-signer" : String.join("-", command);
      try (InputStream recorded = JwtSignerCliTest.class.getResourceAsStream("help/" + name + ".txt")) {
        assertThat(recorded).as(name).isNotNull();
        assertThat(cli().run(help.toArray(String[]::new)).out()).as(name)
            .isEqualTo(new String(recorded.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void aCommandNamedFirstIsTheOnlyOneBuiltAndHelpTyposOptionsAndCompletionGetEveryCommand() {
    PrintWriter none = new PrintWriter(new StringWriter());
    assertThat(JwtSignerCli.commandLine(Context.system(), none, none, "inspect").getSubcommands()).containsOnlyKeys("inspect");
    assertThat(JwtSignerCli.commandLine(Context.system(), none, none, "sign").getSubcommands().get("sign").getSubcommands())
        .containsOnlyKeys("atomic", "payload");
    for (String first : new String[] {"--help", "inspec", "--json", "generate-completion"}) {
      assertThat(JwtSignerCli.commandLine(Context.system(), none, none, first).getSubcommands()).as(first)
          .containsOnlyKeys("keygen", "keys", "sign", "verify", "inspect", "debugger", "generate-completion");
    }
  }

  @Test
  void unknownOptionsAndMissingCommandsExitTwoWithAUsageLine() {
    Cli.Result unknown = cli().run("inspect", "--frobnicate", "a.b.c");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).startsWith("jwt-signer inspect: unknown option --frobnicate.\njwt-signer inspect [-hV]")
        .endsWith("Try 'jwt-signer inspect --help' for more information.\n");

    Cli.Result nothing = cli().run();
    assertThat(nothing.exitCode()).isEqualTo(2);
    assertThat(nothing.err()).startsWith("jwt-signer: name a command\njwt-signer [-hV] [--json] [--verbose] [COMMAND]");

    assertThat(cli().run("sign").exitCode()).isEqualTo(2);
    assertThat(cli().run("nope").exitCode()).isEqualTo(2);
  }

  @Test
  void printsABashCompletionScript() {
    Cli.Result r = cli().run("generate-completion");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("complete -F _complete_jwt-signer").contains("keygen").contains("--platform");
  }

  @Test
  void showsAStackTraceOnlyWithVerbose() {
    Cli.Result quiet = cli().run("keys", "inspect", "-");
    assertThat(quiet.exitCode()).isEqualTo(1);
    assertThat(quiet.err()).doesNotContain("\tat ").contains("refused (");

    Cli.Result verbose = cli().run("keys", "inspect", "-", "--verbose");
    assertThat(verbose.exitCode()).isEqualTo(1);
    assertThat(verbose.err()).contains("\tat dev.jwtsigner.");
  }
}
