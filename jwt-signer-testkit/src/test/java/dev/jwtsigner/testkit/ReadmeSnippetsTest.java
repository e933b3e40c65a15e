package dev.jwtsigner.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compiles every {@code ```java} block of the root README.md and of each {@code docs/*.md} page against the
 * library, so the documentation cannot drift from the API. Each page compiles on its own. A block that declares a top-level type is compiled as it stands; any other
 * block becomes the body of a method whose parameters supply the inputs a README leaves to the reader
 * ({@code privatePem}, {@code keyStore}, {@code log} for the reader's logger, ...), except those the block
 * declares itself.
 */
class ReadmeSnippetsTest {

  private static final Path ROOT = Path.of(System.getProperty("jwtsigner.root", ".."));
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)\\n```", Pattern.DOTALL);
  private static final Pattern TYPE_DECLARATION =
      Pattern.compile("^(?:public\\s+)?(?:final\\s+)?(?:class|record|interface|enum)\\s+(\\w+)", Pattern.MULTILINE);

  /** The inputs a snippet may use without declaring them, with their types. */
  private static final Map<String, String> INPUTS = inputs();

  private static final String IMPORTS = String.join("\n",
      "import static org.assertj.core.api.Assertions.assertThat;",
      "import dev.jwtsigner.*;",
      "import dev.jwtsigner.apto.*;",
      "import dev.jwtsigner.atomic.*;",
      "import dev.jwtsigner.keys.*;",
      "import dev.jwtsigner.testkit.*;",
      "import java.nio.file.*;",
      "import java.security.*;",
      "import java.time.*;",
      "import java.util.*;",
      "import org.junit.jupiter.api.*;",
      "import org.junit.jupiter.api.extension.*;",
      "");

  /** Stands for the reader's logger (SLF4J-shaped) in snippets that log. */
  private static final String LOG = "interface ReadmeLog {\n"
      + "  void error(String format, Object... args);\n  void warn(String format, Object... args);\n"
      + "  void info(String format, Object... args);\n}\n";

  @Test
  void everyJavaSnippetInTheReadmeCompiles(@TempDir Path out) throws IOException {
    List<JavaFileObject> sources = sources(Files.readString(ROOT.resolve("README.md")));
    assertThat(sources).as("java blocks in README.md").hasSizeGreaterThanOrEqualTo(4);
    assertCompiles("README.md", sources, out);
  }

  static Stream<Path> docsPages() throws IOException {
    try (Stream<Path> pages = Files.list(ROOT.resolve("docs"))) {
      return pages.filter(p -> p.toString().endsWith(".md")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("docsPages")
  void everyJavaSnippetOfADocsPageCompiles(Path page, @TempDir Path out) throws IOException {
    assertCompiles(ROOT.relativize(page).toString(), sources(Files.readString(page)), out);
  }

  @Test
  void theDocsFolderHoldsTheReferencePages() throws IOException {
    assertThat(docsPages().map(p -> p.getFileName().toString()))
        .contains("atomic.md", "errors.md", "keys.md", "testkit.md", "rotation.md");
  }

  private static void assertCompiles(String page, List<JavaFileObject> sources, Path out) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    StringWriter log = new StringWriter();
    boolean ok = javac.getTask(log, null, diagnostics,
        List.of("-classpath", classPath, "-d", out.toString(), "-proc:none", "-Xlint:none"), null, sources).call();

    String errors = diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .map(d -> d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(null)
            + "\n    " + line(d))
        .collect(Collectors.joining("\n"));
    assertThat(ok).as("%s snippets must compile:\n%s\n%s", page, errors, log).isTrue();
  }

  private static List<JavaFileObject> sources(String readme) {
    List<JavaFileObject> sources = new ArrayList<>();
    sources.add(source("ReadmeLog", LOG));
    Matcher block = JAVA_BLOCK.matcher(readme);
    int n = 0;
    while (block.find()) {
      n++;
      String code = block.group(1);
      Matcher type = TYPE_DECLARATION.matcher(code);
      if (type.find()) {
        sources.add(source(type.group(1), code.contains("import ") ? code : IMPORTS + code));
      } else {
        String name = "ReadmeSnippet" + n;
        String imports = code.lines().filter(l -> l.startsWith("import ")).collect(Collectors.joining("\n"));
        String body = code.lines().map(l -> l.startsWith("import ") ? "" : l).collect(Collectors.joining("\n"));
        sources.add(source(name, IMPORTS + imports + "\nfinal class " + name + " {\n  static void snippet("
            + parameters(body) + ") throws Exception {\n" + body + "\n  }\n}\n"));
      }
    }
    return sources;
  }

  private static String parameters(String code) {
    return INPUTS.entrySet().stream()
        .filter(input -> Pattern.compile("\\b" + input.getKey() + "\\b").matcher(code).find())
        .filter(input -> !Pattern.compile("\\b" + input.getKey() + "\\s*=[^=]").matcher(code).find())
        .map(input -> input.getValue() + " " + input.getKey())
        .collect(Collectors.joining(", "));
  }

  private static Map<String, String> inputs() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("pemString", "String");
    m.put("privatePem", "String");
    m.put("publicPem", "String");
    m.put("text", "String");
    m.put("jwks", "String");
    m.put("requestBodyJson", "String");
    m.put("userId", "String");
    m.put("token", "String");
    m.put("signed", "String");
    m.put("keyStore", "KeyStore");
    m.put("password", "char[]");
    m.put("pin", "char[]");
    m.put("privateKey", "PrivateKey");
    m.put("publicKey", "PublicKey");
    m.put("nextKey", "PublicKey");
    m.put("newPublicKey", "PublicKey");
    m.put("clock", "InstantSource");
    m.put("keys", "KeySource");
    m.put("policy", "AtomicPolicy");
    m.put("builder", "AtomicTokenBuilder");
    m.put("tokens", "AtomicTokenBuilder");
    m.put("email", "String");
    m.put("phone", "String");
    m.put("createUserJson", "String");
    m.put("mobileApi", "String");
    m.put("jwksText", "String");
    m.put("log", "ReadmeLog");
    return m;
  }

  private static JavaFileObject source(String className, String code) {
    return new SimpleJavaFileObject(URI.create("string:///" + className + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return code;
      }
    };
  }

  private static String line(Diagnostic<? extends JavaFileObject> d) {
    try {
      String[] lines = d.getSource().getCharContent(true).toString().split("\n", -1);
      long i = d.getLineNumber() - 1;
      return i >= 0 && i < lines.length ? lines[(int) i].strip() : "";
    } catch (IOException e) {
      return "";
    }
  }
}
