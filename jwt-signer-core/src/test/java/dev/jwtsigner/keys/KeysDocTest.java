package dev.jwtsigner.keys;

import static dev.jwtsigner.keys.ExternalTools.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every row of the key-format table in {@code docs/keys.md} with the real tool and checks its outcome
 * column: {@code loads}, or the {@code Reason} the key source is refused with.
 */
class KeysDocTest {

  private static final Path DOC = Path.of(System.getProperty("jwtsigner.root", "..")).resolve("docs/keys.md");

  @TempDir
  static Path dir;

  @BeforeAll
  static void makeThePlainKey() {
    ExternalTools.require("openssl");
    run(dir, "openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "plain.pem");
  }

  record Row(String command, String file, String passphrase, String outcome) {}

  static List<Row> rows() throws IOException {
    String text = Files.readString(DOC);
    String table = text.substring(text.indexOf("<!-- key-formats:begin -->"), text.indexOf("<!-- key-formats:end -->"));
    List<Row> rows = new ArrayList<>();
    for (String line : table.lines().toList()) {
      if (!line.startsWith("| `")) {
        continue;
      }
      String[] cells = Arrays.stream(line.substring(1, line.length() - 1).split("\\|")).map(String::strip).toArray(String[]::new);
      rows.add(new Row(unquote(cells[0]), cells[1], cells[2], unquote(cells[3])));
    }
    return rows;
  }

  static Stream<Arguments> table() throws IOException {
    return rows().stream().map(r -> Arguments.of(r.command(), r));
  }

  @Test
  void theTableCoversEveryToolAndBothOutcomes() throws IOException {
    List<Row> rows = rows();
    assertThat(rows).hasSizeGreaterThan(25);
    assertThat(rows).extracting(r -> r.command().split(" ")[0]).contains("openssl", "ssh-keygen", "keytool", "puttygen");
    assertThat(rows).extracting(Row::outcome).contains("loads", "KEY_TYPE_UNSUPPORTED", "KEY_CURVE_UNSUPPORTED", "KEY_MALFORMED");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void eachRowsCommandMakesAKeyWithTheOutcomeTheTableStates(String command, Row row) throws Exception {
    String tool = command.split(" ")[0];
    if (!tool.equals("keytool")) {
      ExternalTools.require(tool, "bash");
    }
    Path folder = Files.createTempDirectory(dir, "row");
    Files.copy(dir.resolve("plain.pem"), folder.resolve("plain.pem"));
    // keytool: the running JDK's own
    run(folder, Map.of("PATH", Path.of(ExternalTools.keytool()).getParent() + ":" + System.getenv("PATH")), "bash", "-c", command);
    Path file = folder.resolve(row.file());
    char[] passphrase = row.passphrase().isEmpty() ? null : row.passphrase().toCharArray();

    if (row.outcome().equals("loads")) {
      assertThat(load(file, passphrase).privateKey().getAlgorithm()).isIn("RSA", "EC");
    } else {
      assertThatThrownBy(() -> load(file, passphrase))
          .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.valueOf(row.outcome())));
    }
  }

  private static SigningKey load(Path file, char[] passphrase) throws Exception {
    if (!file.toString().endsWith(".p12")) {
      return KeySource.fromPem(file, passphrase).signingKey();
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, passphrase);
    }
    return KeySource.fromKeyStore(store, "jwt", passphrase).signingKey();
  }

  private static String unquote(String cell) {
    return cell.startsWith("`") && cell.endsWith("`") ? cell.substring(1, cell.length() - 1) : cell;
  }
}
