package dev.jwtsigner.examples.quickstart;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.apto.SignedPayloadBuilder;
import dev.jwtsigner.atomic.AtomicPolicy;
import dev.jwtsigner.atomic.AtomicTokenBuilder;
import dev.jwtsigner.keys.KeyPairs;
import dev.jwtsigner.keys.KeySource;
import dev.jwtsigner.keys.PublicKeys;
import dev.jwtsigner.testkit.AtomicPlatformVerifier;
import dev.jwtsigner.testkit.SignedPayloadVerifier;
import dev.jwtsigner.testkit.Verdict;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * jwt-signer in one run: makes (or reuses) a key pair, mints an Atomic SDK token for a sample user, signs
 * the vendor guide's create-user body as an Apto signed payload, and checks both with the test kit's
 * verifiers, printing each token, its decoded header and claims, and the verdict.
 *
 * <pre>{@code
 * ./mvnw -q -Dquick -DskipTests -pl examples/quickstart -am package -Prun      # from the repository root
 * mvn -q exec:java -Dexec.args="--private-key jwtRS512.key --public-key jwtRS512.key.pub"  # in this folder
 * }</pre>
 */
public final class Quickstart {

  /** The folder a new key pair is written to when no key files are named. */
  static final String DEFAULT_KEY_DIR = "quickstart-keys";

  static final String ENV_KEY_DIR = "JWT_SIGNER_KEY_DIR";
  static final String ENV_PRIVATE_KEY = "JWT_SIGNER_PRIVATE_KEY_FILE";
  static final String ENV_PUBLIC_KEY = "JWT_SIGNER_PUBLIC_KEY_FILE";

  static final String SAMPLE_USER = "user-1234";
  static final String ISSUER = "quickstart-backend";
  static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
  static final String APTO_KEY_ID = "key_1";
  /** RSA serves both platforms (RS512 for Atomic, RS256 for Apto); 2048 bits is the floor both accept. */
  static final int KEY_BITS = 2048;

  /**
   * The create-user request body from the vendor's guide: {@code data_points} is a list of typed data points
   * (the test kit's {@code AptoFixtures.createUserBody()} is the same body).
   */
  static final String CREATE_USER_BODY = "{\"data_points\":{\"type\":\"list\",\"data\":["
      + "{\"type\":\"phone\",\"country_code\":\"1\",\"phone_number\":\"2025550118\","
      + "\"verification\":{\"verification_id\":\"entity_5cd6d4b6a2a3e1f7\"}},"
      + "{\"type\":\"id_document\",\"value\":\"123456789\",\"country\":\"US\",\"doc_type\":\"SSN\"},"
      + "{\"type\":\"email\",\"email\":\"jane.doe@example.com\"},"
      + "{\"type\":\"birthdate\",\"date\":\"1965-10-20\"},"
      + "{\"type\":\"name\",\"first_name\":\"Jane\",\"last_name\":\"Doe\"},"
      + "{\"type\":\"address\",\"street_one\":\"1 Market Street\",\"street_two\":\"\",\"locality\":\"San Francisco\","
      + "\"region\":\"CA\",\"postal_code\":\"94105\",\"country\":\"US\"}]}}";

  static final int OK = 0;
  static final int REJECTED = 1;
  static final int USAGE = 2;

  static final String USAGE_TEXT = String.join("\n",
      "usage: Quickstart [--key-dir DIR] [--private-key FILE --public-key FILE] [--user ID]",
      "  --key-dir DIR        folder for the key pair; made with a new RSA key pair when it holds none",
      "                       (default " + DEFAULT_KEY_DIR + ", or $" + ENV_KEY_DIR + ")",
      "  --private-key FILE   use this private-key PEM file instead ($" + ENV_PRIVATE_KEY + ")",
      "  --public-key FILE    and this public key, to verify with ($" + ENV_PUBLIC_KEY + ")",
      "  --user ID            the user the Atomic token is for (default " + SAMPLE_USER + ")");

  private static final JsonFactory JSON = new JsonFactory();

  private Quickstart() {}

  public static void main(String[] args) {
    int status = run(args, System.getenv(), Clock.systemUTC(), System.out);
    if (status != OK) {
      System.exit(status);
    }
  }

  /**
   * Runs the quick start and returns its exit status: {@link #OK} when both tokens are accepted,
   * {@link #REJECTED} when a key or a token is refused, {@link #USAGE} for bad arguments.
   */
  static int run(String[] args, Map<String, String> env, InstantSource clock, PrintStream out) {
    Options options;
    try {
      options = Options.parse(args, env);
    } catch (IllegalArgumentException e) {
      out.println(e.getMessage());
      out.println(USAGE_TEXT);
      return USAGE;
    }
    if (options.help()) {
      out.println(USAGE_TEXT);
      return OK;
    }

    out.println("jwt-signer quick start");
    out.println();
    KeySource keys;
    PublicKey publicKey;
    try {
      KeyFiles files = KeyFiles.locate(options, out);
      keys = KeySource.fromPem(files.privateKey());
      publicKey = PublicKeys.parse(Files.readString(files.publicKey()));
    } catch (JwtSignerException e) {
      out.println("key refused (" + e.reason() + "): " + e.getMessage());
      return REJECTED;
    } catch (IOException e) {
      out.println("cannot read the key files: " + e);
      return REJECTED;
    }

    boolean atomicAccepted = atomicToken(keys, publicKey, options.user(), clock, out);
    boolean payloadAccepted = signedPayload(keys, publicKey, clock, out);
    refusal(keys, clock, out);
    return atomicAccepted && payloadAccepted ? OK : REJECTED;
  }

  private static boolean atomicToken(KeySource keys, PublicKey publicKey, String user, InstantSource clock, PrintStream out) {
    AtomicPolicy policy = apiKeyPolicy();
    heading(out, "1. Atomic SDK token for user \"" + user + "\" (AtomicTokenBuilder, RS512, lives "
        + TOKEN_LIFETIME.toMinutes() + " min)");
    String token = AtomicTokenBuilder.create(keys)
        .algorithm(JwsAlgorithm.RS512)
        .policy(policy)
        .issuer(ISSUER)
        .clock(clock)
        .subject(user)
        .expiresIn(TOKEN_LIFETIME)
        .sign();
    Verdict verdict = AtomicPlatformVerifier.create(policy).trust(publicKey).clock(clock).verify(token);
    printToken(out, token, verdict);
    out.println("times:   " + times(verdict.claims()));
    printVerdict(out, "AtomicPlatformVerifier", verdict,
        verdict.userId().map(id -> " (user ID \"" + id + "\")").orElse(""));
    return verdict.accepted();
  }

  private static boolean signedPayload(KeySource keys, PublicKey publicKey, InstantSource clock, PrintStream out) {
    heading(out, "2. Create-user body as a signed payload (SignedPayloadBuilder, RS256, kid " + APTO_KEY_ID + ")");
    String signed = SignedPayloadBuilder.create(keys)
        .keyId(APTO_KEY_ID)
        .clock(clock)
        .payload(CREATE_USER_BODY)
        .sign();
    Verdict verdict = SignedPayloadVerifier.create().trust(APTO_KEY_ID, publicKey).clock(clock).verify(signed);
    out.println("send as: the request body, with Content-Type: " + SignedPayloadBuilder.CONTENT_TYPE);
    printToken(out, signed, verdict);
    printVerdict(out, "SignedPayloadVerifier", verdict, "");
    return verdict.accepted();
  }

  /** What the builder does with a token the platform would refuse: it refuses to sign, saying why. */
  private static void refusal(KeySource keys, InstantSource clock, PrintStream out) {
    heading(out, "3. A refusal: a 30-day token under the API key's " + apiKeyPolicy().maxTokenExpiry().toDays()
        + "-day maximum, from an issuer the key does not allow");
    try {
      AtomicTokenBuilder.create(keys)
          .algorithm(JwsAlgorithm.RS512)
          .policy(apiKeyPolicy())
          .issuer("someone-else")
          .clock(clock)
          .subject(SAMPLE_USER)
          .expiresIn(Duration.ofDays(30))
          .sign();
      out.println("signed: the policy did not stop this token");
    } catch (JwtSignerException e) {
      out.println("refused (" + e.reason() + "): " + e.getMessage());
    }
  }

  /** The Atomic API key's settings, as its page in the vendor's console shows them. */
  static AtomicPolicy apiKeyPolicy() {
    return AtomicPolicy.builder().maxTokenExpiry(Duration.ofDays(7)).allowedIssuers(ISSUER).build();
  }

  private static void heading(PrintStream out, String title) {
    out.println();
    out.println(title);
    out.println("-".repeat(title.length()));
  }

  private static void printToken(PrintStream out, String token, Verdict verdict) {
    out.println("token:   " + token);
    out.println("header:  " + indent(prettyJson(verdict.header())));
    out.println("claims:  " + indent(prettyJson(verdict.claims())));
  }

  private static void printVerdict(PrintStream out, String verifier, Verdict verdict, String detail) {
    if (verdict.accepted()) {
      out.println("verdict: ACCEPTED by " + verifier + detail);
    } else {
      out.println("verdict: REJECTED by " + verifier);
      verdict.violations().forEach(v -> out.println("  - " + v));
    }
  }

  /** {@code iat} and {@code exp} as instants, and the lifetime between them. */
  static String times(Map<String, Object> claims) {
    Object iat = claims.get("iat");
    Object exp = claims.get("exp");
    if (!(iat instanceof Number issued) || !(exp instanceof Number expires)) {
      return "iat or exp is not a number";
    }
    Duration lifetime = Duration.ofSeconds(expires.longValue() - issued.longValue());
    return "issued " + Instant.ofEpochSecond(issued.longValue()) + ", expires " + Instant.ofEpochSecond(expires.longValue())
        + " (after " + lifetime.toMinutes() + " min)";
  }

  private static String indent(String text) {
    return text.replace("\n", "\n         ");
  }

  /** {@code value} (maps, lists, strings, numbers, booleans, null) as indented JSON. */
  static String prettyJson(Object value) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.useDefaultPrettyPrinter();
      write(json, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static void write(JsonGenerator json, Object value) throws IOException {
    if (value instanceof Map<?, ?> map) {
      json.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        json.writeFieldName(String.valueOf(e.getKey()));
        write(json, e.getValue());
      }
      json.writeEndObject();
    } else if (value instanceof List<?> list) {
      json.writeStartArray();
      for (Object item : list) {
        write(json, item);
      }
      json.writeEndArray();
    } else if (value instanceof Number number) {
      json.writeNumber(number.toString());
    } else if (value instanceof Boolean bool) {
      json.writeBoolean(bool);
    } else if (value == null) {
      json.writeNull();
    } else {
      json.writeString(value.toString());
    }
  }

  /** The private- and public-key files the run signs and verifies with. */
  record KeyFiles(Path privateKey, Path publicKey) {

    /** The files named by the options, else the pair in the key folder, made first when the folder holds none. */
    static KeyFiles locate(Options options, PrintStream out) {
      if (options.privateKey() != null) {
        out.println("keys:    using " + options.privateKey() + " and " + options.publicKey());
        return new KeyFiles(options.privateKey(), options.publicKey());
      }
      KeyFiles files = new KeyFiles(options.keyDir().resolve(KeyPairs.PRIVATE_KEY_FILE),
          options.keyDir().resolve(KeyPairs.PUBLIC_KEY_FILE));
      if (Files.exists(files.privateKey())) {
        out.println("keys:    using the key pair in " + options.keyDir());
      } else {
        List<Path> written = KeyPairs.writeFiles(KeyPairs.generate(JwsAlgorithm.RS256, KEY_BITS), options.keyDir());
        out.println("keys:    made a new RSA " + KEY_BITS + "-bit key pair in " + options.keyDir() + ": "
            + written.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", ")));
      }
      out.println("         " + files.privateKey() + "  private: keep it secret; KeySource.fromPem(path) loads it");
      out.println("         " + files.publicKey() + "  public: what you register with the vendor (or a JWK, JWKS)");
      return files;
    }
  }

  /** The command line, with the environment as fallback. */
  record Options(Path keyDir, Path privateKey, Path publicKey, String user, boolean help) {

    static Options parse(String[] args, Map<String, String> env) {
      Path keyDir = pathOrNull(env.get(ENV_KEY_DIR));
      Path privateKey = pathOrNull(env.get(ENV_PRIVATE_KEY));
      Path publicKey = pathOrNull(env.get(ENV_PUBLIC_KEY));
      String user = SAMPLE_USER;
      boolean help = false;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--help", "-h" -> help = true;
          case "--key-dir" -> keyDir = Path.of(value(args, ++i, arg));
          case "--private-key" -> privateKey = Path.of(value(args, ++i, arg));
          case "--public-key" -> publicKey = Path.of(value(args, ++i, arg));
          case "--user" -> user = value(args, ++i, arg);
          default -> throw new IllegalArgumentException("unknown argument: " + arg);
        }
      }
      if ((privateKey == null) != (publicKey == null)) {
        throw new IllegalArgumentException(privateKey == null
            ? "a public key is named but no private key: name both, or neither to use --key-dir"
            : "a private key is named but no public key to verify with: name both, or neither to use --key-dir");
      }
      return new Options(keyDir == null ? Path.of(DEFAULT_KEY_DIR) : keyDir, privateKey, publicKey, user, help);
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length || args[i].isBlank()) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }

    private static Path pathOrNull(String value) {
      return value == null || value.isBlank() ? null : Path.of(value);
    }
  }
}
