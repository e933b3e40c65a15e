package dev.jwtsigner.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** docs/spring.md lists exactly the starter's properties, with the defaults the metadata (and so the binding) has. */
class SpringDocsTest {

  private static final Path ROOT = Path.of(System.getProperty("jwtsigner.root", ".."));
  private static final Pattern ROW = Pattern.compile("^\\| `(jwt-signer\\.[a-z.-]+)` \\|\\s*`?([^|`]*?)`?\\s*\\|", Pattern.MULTILINE);

  @Test
  void propertiesTableMatchesTheConfigurationMetadata() throws Exception {
    Map<String, String> documented = new LinkedHashMap<>();
    Matcher row = ROW.matcher(Files.readString(ROOT.resolve("docs/spring.md")));
    while (row.find()) {
      documented.put(row.group(1), row.group(2).strip());
    }

    Map<String, String> actual = new LinkedHashMap<>();
    try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      for (JsonNode property : JsonMapper.shared().readTree(in).get("properties")) {
        JsonNode value = property.get("defaultValue");
        actual.put(property.get("name").asString(), value == null ? "" : value.asString());
      }
    }
    assertThat(documented).containsExactlyInAnyOrderEntriesOf(actual);
  }
}
