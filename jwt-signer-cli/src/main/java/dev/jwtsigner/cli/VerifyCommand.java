package dev.jwtsigner.cli;

import dev.jwtsigner.cli.Options.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code verify atomic|payload}: the test kit's verdict; exit 0 accepted, 1 refused, 2 usage. */
@Command(name = "verify", description = "Check a token the way the platform does: every broken rule with its fix.",
    subcommands = {VerifyCommand.Atomic.class, VerifyCommand.Payload.class})
final class VerifyCommand extends BaseCommand {

  @Override
  public Integer call() {
    throw usage("name what to verify: atomic or payload.");
  }

  static int report(BaseCommand command, TokenReport report, String token) {
    Map<String, Object> r = report.explain(token);
    if (command.json()) {
      command.printJson(r);
    } else {
      TokenReport.print(command.out(), r, false);
    }
    return Boolean.TRUE.equals(((Map<?, ?>) r.get("verdict")).get("accepted")) ? 0 : Errors.REFUSED;
  }

  @Command(name = "atomic", sortOptions = false,
      description = "Verify an Atomic SDK token against the API key's public key(s) and settings.")
  static final class Atomic extends BaseCommand {
    @Parameters(paramLabel = "TOKEN|-", description = "The token, a file holding it, or - for standard input.")
    String token;

    @Option(names = "--trust", required = true, paramLabel = "KEY|JWKS",
        description = "A public key file (PEM, certificate, OpenSSH line, JWK or JWKS) the platform holds; repeatable.")
    List<String> trust;

    @Mixin
    Options.Atomic policy;

    @Mixin
    Options.At at;

    @Override
    public Integer call() {
      List<TokenReport.Trust> keys = new ArrayList<>();
      for (String file : trust) {
        keys.add(new TokenReport.Trust(null, readText(file, "the public key")));
      }
      String t = readToken(token);
      return report(this, new TokenReport(Platform.atomic, policy.policy(), null, keys, at.clock(context())), t);
    }
  }

  @Command(name = "payload", sortOptions = false,
      description = "Verify an Apto signed payload against the registered public key(s) (at most two).")
  static final class Payload extends BaseCommand {
    @Parameters(paramLabel = "TOKEN|-", description = "The token, a file holding it, or - for standard input.")
    String token;

    @Option(names = "--trust", required = true, paramLabel = "[KID=]KEY|JWKS",
        description = "A registered public key: KID=FILE for a PEM key (no KID: the token's kid), or a JWKS; repeatable.")
    List<String> trust;

    @Mixin
    Options.Apto limits;

    @Mixin
    Options.At at;

    @Override
    public Integer call() {
      List<TokenReport.Trust> keys = new ArrayList<>();
      for (String entry : trust) {
        int eq = entry.indexOf('=');
        boolean hasKid = eq > 0 && !isFile(context(), entry);
        String kid = hasKid ? entry.substring(0, eq) : null;
        keys.add(new TokenReport.Trust(kid, readText(hasKid ? entry.substring(eq + 1) : entry, "the public key")));
      }
      String t = readToken(token);
      return report(this, new TokenReport(Platform.apto, null, limits.policy(), keys, at.clock(context())), t);
    }
  }
}
