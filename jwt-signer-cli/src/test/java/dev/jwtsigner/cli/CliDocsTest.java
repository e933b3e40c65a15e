package dev.jwtsigner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.keys.KeyPairs;
import dev.jwtsigner.testkit.FakeKeyPair;
import dev.jwtsigner.testkit.FakeKeys;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every {@code $ jwt-signer ...} line of docs/cli.md's {@code console} blocks, in order, in one folder,
 * on a clock fixed at 2026-01-01T00:00:00Z, and checks that it prints what the doc shows. In an expected
 * line, {@code …} stands for any text; a line of just {@code …} for any lines. A trailing {@code # exit N}
 * is the expected exit code (default 0); {@code > FILE} and {@code < FILE} redirect as in a shell. Two
 * HTML comments the reader does not see set the folder up: {@code <!-- doc-test: fake keys in DIR -->}
 * puts the test kit's fake RSA key pair in DIR (so the examples after a keygen have stable outputs), and
 * {@code <!-- doc-test: file NAME -->} writes the fenced block that follows it to NAME.
 */
class CliDocsTest {

  static final Path DOC = Path.of(System.getProperty("jwtsigner.root", ".."), "docs", "cli.md");
  private static final Pattern FAKE_KEYS = Pattern.compile("<!-- doc-test: fake keys in (\\S+) -->");
  private static final Pattern FILE = Pattern.compile("<!-- doc-test: file (\\S+) -->");

  @TempDir
  Path dir;

  /**
   * docs/performance.md's table of CLI start-up times: every figure is the median that
   * {@code benchmarks/cold-start.sh} wrote into {@code benchmarks/results/jdk17-start-up.md} or
   * {@code jdk25-start-up.md} for that command (with the archive, then {@code JWT_SIGNER_CDS=off}).
   */
  @Test
  void theCliStartUpTableOfThePerformancePageIsTheMeasuredOne() throws Exception {
    Path root = Path.of(System.getProperty("jwtsigner.root", ".."));
    String page = Files.readString(root.resolve("docs/performance.md"), StandardCharsets.UTF_8);
    Map<String, String> jdk17 = cliMedians(Files.readString(root.resolve("benchmarks/results/jdk17-start-up.md")));
    Map<String, String> jdk25 = cliMedians(Files.readString(root.resolve("benchmarks/results/jdk25-start-up.md")));
    Matcher row = Pattern.compile("(?m)^\\| `jwt-signer ([^`]+?)(?: --sub u1)?` \\| ([\\d.]+) ms \\| ([\\d.]+) ms \\| ([\\d.]+) ms \\| ([\\d.]+) ms \\|$")
        .matcher(page);
    int rows = 0;
    while (row.find()) {
      String command = "CLI " + row.group(1);
      assertThat(List.of(row.group(2), row.group(3), row.group(4), row.group(5))).as(command)
          .containsExactly(jdk17.get(command), jdk17.get(command + ", JWT_SIGNER_CDS=off"), jdk25.get(command),
              jdk25.get(command + ", JWT_SIGNER_CDS=off"));
      rows++;
    }
    assertThat(rows).as("rows of the CLI table").isEqualTo(3);
  }

  /** {"CLI inspect TOKEN": "142", ...}: the median column of cold-start.sh's CLI rows. */
  private static Map<String, String> cliMedians(String table) {
    Map<String, String> medians = new java.util.HashMap<>();
    for (String line : table.split("\n")) {
      String[] cells = line.split("\\|");
      if (cells.length > 3 && cells[1].strip().startsWith("CLI ")) {
        medians.put(cells[1].strip(), cells[3].strip());
      }
    }
    return medians;
  }

  @Test
  void everyCommandInTheDocPrintsWhatTheDocShows() throws Exception {
    List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
    int commands = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher fake = FAKE_KEYS.matcher(line);
      Matcher file = FILE.matcher(line);
      if (fake.find()) {
        writeFakeKeys(dir.resolve(fake.group(1)));
      } else if (file.find()) {
        int start = i + 2; // the fence follows the comment
        int end = start;
        while (!lines.get(end).startsWith("```")) {
          end++;
        }
        Files.writeString(dir.resolve(file.group(1)), String.join("\n", lines.subList(start, end)) + "\n");
        i = end;
      } else if (line.equals("```console")) {
        int end = i + 1;
        while (!lines.get(end).equals("```")) {
          end++;
        }
        commands += runBlock(lines.subList(i + 1, end), i + 2);
        i = end;
      }
    }
    assertThat(commands).as("commands run from " + DOC).isGreaterThanOrEqualTo(10);
  }

  private int runBlock(List<String> block, int firstLine) throws Exception {
    int count = 0;
    for (int j = 0; j < block.size(); j++) {
      if (!block.get(j).startsWith("$ ")) {
        continue;
      }
      int next = j + 1;
      while (next < block.size() && !block.get(next).startsWith("$ ")) {
        next++;
      }
      String command = block.get(j).substring(2);
      String where = DOC.getFileName() + ":" + (firstLine + j) + ": " + command;
      List<String> expected = block.subList(j + 1, next);
      check(where, command, expected);
      count++;
      j = next - 1;
    }
    return count;
  }

  private void check(String where, String command, List<String> expected) throws Exception {
    int exit = 0;
    Matcher code = Pattern.compile("\\s+# exit (\\d+)$").matcher(command);
    if (code.find()) {
      exit = Integer.parseInt(code.group(1));
      command = command.substring(0, code.start());
    }
    List<String> words = words(command);
    assertThat(words.get(0)).as(where).isEqualTo("jwt-signer");
    String stdout = null;
    String stdin = "";
    List<String> args = new ArrayList<>();
    for (int k = 1; k < words.size(); k++) {
      if (words.get(k).equals(">")) {
        stdout = words.get(++k);
      } else if (words.get(k).equals("<")) {
        stdin = Files.readString(dir.resolve(words.get(++k)));
      } else {
        args.add(words.get(k));
      }
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Context context = new Context(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), Map.of(),
        InstantSource.fixed(Cli.NOW), q -> Optional.empty(), dir);
    int actualExit = JwtSignerCli.execute(context, new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    String shown = (stdout == null ? out.toString() : "") + err;
    if (stdout != null) {
      Files.writeString(dir.resolve(stdout), out.toString());
    }
    shown = shown.replace(dir.toString() + "/", "").replace(dir.toString(), ".");
    assertThat(actualExit).as(where + "\n" + shown).isEqualTo(exit);
    assertThat(matches(expected, shown.lines().toList())).as(where + "\n--- the doc shows\n" + String.join("\n", expected)
        + "\n--- the command printed\n" + shown).isTrue();
  }

  /** Expected lines against actual ones; "…" within a line is any text, a line of "…" any lines. */
  static boolean matches(List<String> expected, List<String> actual) {
    if (expected.isEmpty()) {
      return actual.isEmpty();
    }
    String first = expected.get(0);
    if (first.equals("…")) {
      for (int skip = 0; skip <= actual.size(); skip++) {
        if (matches(expected.subList(1, expected.size()), actual.subList(skip, actual.size()))) {
          return true;
        }
      }
      return false;
    }
    if (actual.isEmpty()) {
      return false;
    }
    String regex = "\\Q" + first.replace("…", "\\E.*\\Q") + "\\E";
    return actual.get(0).matches(regex) && matches(expected.subList(1, expected.size()), actual.subList(1, actual.size()));
  }

  /** Shell-like words: spaces separate, single or double quotes group. */
  static List<String> words(String command) {
    List<String> words = new ArrayList<>();
    Matcher m = Pattern.compile("'([^']*)'|\"([^\"]*)\"|(\\S+)").matcher(command);
    while (m.find()) {
      words.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
    }
    return words;
  }

  private static void writeFakeKeys(Path folder) throws Exception {
    FakeKeyPair key = FakeKeys.rsa2048();
    Files.createDirectories(folder);
    Files.writeString(folder.resolve(KeyPairs.PRIVATE_KEY_FILE), key.privateKeyPem());
    Files.writeString(folder.resolve(KeyPairs.PUBLIC_KEY_FILE), KeyPairs.publicKeyPem(key.publicKey()));
    Files.writeString(folder.resolve(KeyPairs.RSA_PUBLIC_KEY_FILE), KeyPairs.rsaPublicKeyPem(key.publicKey()));
    Files.writeString(folder.resolve(KeyPairs.JWK_FILE), KeyPairs.jwk(key.publicKey()) + "\n");
    Files.writeString(folder.resolve(KeyPairs.JWKS_FILE), KeyPairs.jwks(key.publicKey()) + "\n");
  }
}
