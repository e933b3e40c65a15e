package dev.jwtsigner.keys;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Optional;

/**
 * The key tool: makes a key pair and writes it, in every upload-ready form, into a folder.
 *
 * <pre>{@code
 * ./mvnw -q -pl jwt-signer-core compile exec:java -Dexec.args="--alg RS256 --out keys-out"
 * }</pre>
 */
final class KeyTool {

  static final String USAGE = "usage: --alg RS256|RS512|ES512 (default RS256) --bits <RSA bits> (default 2048 for RS256,"
      + " 4096 for RS512) --out <folder> (default keys-out)";

  private KeyTool() {}

  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Runs the tool; 0 when the files were written, 1 when that failed, 2 for wrong arguments. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    JwsAlgorithm algorithm = JwsAlgorithm.RS256;
    Integer bits = null;
    Path folder = Path.of("keys-out");
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if ("--help".equals(option) || "-h".equals(option)) {
        out.println(USAGE);
        return 0;
      }
      if (i + 1 >= args.length) {
        err.println(option + " needs a value, or is unknown. " + USAGE);
        return 2;
      }
      String value = args[++i];
      switch (option) {
        case "--alg" -> {
          Optional<JwsAlgorithm> parsed = JwsAlgorithm.fromJoseName(value);
          if (parsed.isEmpty()) {
            err.println("--alg " + value + " is not RS256, RS512 or ES512. " + USAGE);
            return 2;
          }
          algorithm = parsed.get();
        }
        case "--bits" -> {
          try {
            bits = Integer.valueOf(value);
          } catch (NumberFormatException e) {
            err.println("--bits " + value + " is not a number. " + USAGE);
            return 2;
          }
        }
        case "--out" -> folder = Path.of(value);
        default -> {
          err.println(option + " is not an option. " + USAGE);
          return 2;
        }
      }
    }
    try {
      KeyPair pair = KeyPairs.generate(algorithm, bits == null ? KeyPairs.defaultBits(algorithm) : bits);
      List<Path> written = KeyPairs.writeFiles(pair, folder);
      report(out, algorithm, pair, folder.toAbsolutePath().normalize(), written);
      return 0;
    } catch (JwtSignerException e) {
      err.println(e.getMessage());
      return 1;
    }
  }

  private static void report(PrintStream out, JwsAlgorithm algorithm, KeyPair pair, Path folder, List<Path> written) {
    boolean rsa = pair.getPublic() instanceof RSAPublicKey;
    String kid = PublicKeys.thumbprint(pair.getPublic());
    out.println("Made a key pair for " + algorithm + " (" + KeyChecks.describe(pair.getPublic()) + ") in " + folder + ":");
    for (Path file : written) {
      out.printf("  %-16s %s%n", file.getFileName(), describe(file.getFileName().toString(), kid));
    }
    out.println("Keep private.pem secret and never upload it. Load it with");
    out.println("  KeySource.fromPem(Path.of(\"" + folder.resolve(KeyPairs.PRIVATE_KEY_FILE) + "\"))");
    out.println("or put its text in a secret store and use KeySource.fromEnvironment(\"JWT_PRIVATE_KEY\").");
    out.println("Upload:");
    String atomicFiles = rsa
        ? KeyPairs.RSA_PUBLIC_KEY_FILE + " (or " + KeyPairs.PUBLIC_KEY_FILE + ", or " + KeyPairs.JWKS_FILE + ")"
        : KeyPairs.PUBLIC_KEY_FILE + " (or " + KeyPairs.JWKS_FILE + ")";
    out.println("  Atomic-style SDK authentication: paste " + atomicFiles + " into the public key setting of your API key.");
    if (rsa) {
      out.println("  Apto-style signed payloads (RS256): register " + KeyPairs.PUBLIC_KEY_FILE
          + " and sign with .withKeyId(\"<the kid it is registered under>\").");
    }
  }

  private static String describe(String name, String kid) {
    switch (name) {
      case KeyPairs.PRIVATE_KEY_FILE:
        return "private key, PKCS#8 PEM, readable by you only";
      case KeyPairs.PUBLIC_KEY_FILE:
        return "public key, SPKI PEM (-----BEGIN PUBLIC KEY-----)";
      case KeyPairs.RSA_PUBLIC_KEY_FILE:
        return "public key, PKCS#1 PEM (-----BEGIN RSA PUBLIC KEY-----, as `ssh-keygen -e -m PEM` prints it)";
      case KeyPairs.JWK_FILE:
        return "public key as a JWK, kid " + kid + " (its RFC 7638 thumbprint)";
      default:
        return "JWKS holding that JWK";
    }
  }
}
