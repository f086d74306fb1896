package org.peerbridge.server.app;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.peerbridge.server.security.users.UserRegistry;
import org.peerbridge.server.security.users.UserRequests;
import org.peerbridge.server.security.users.WebUser;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code peerbridge users add|list|disable|enable|password}: the people who sign in to the web pages, in the
 * stopped server's database or through a running server's admin API ({@link AdminAccess}). Passwords are read
 * from a file or typed at a prompt, never given on the command line.
 */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Adds, lists, disables and enables web users, and sets passwords.")
final class UsersCommand {

    @ParentCommand
    Main main;

    @Mixin
    AdminAccess access;

    @Spec
    CommandSpec spec;

    @Command(name = "add", mixinStandardHelpOptions = true, description = {"Adds a user with a role and the organization they act for.",
            "program and admin users act for the program's organization (--program-org); a referrer for a referring one."})
    int add(@Parameters(paramLabel = "USERNAME") String username,
            @Option(names = "--role", required = true, paramLabel = "ROLE", description = "program, referrer or admin.") String role,
            @Option(names = "--organization", paramLabel = "REFERENCE",
                    description = "e.g. Organization/general-hospital; default: the program's organization.") String organization,
            @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from the file's first line"
                    + " (else you are asked for it).") Path passwordFile) throws Exception {
        String program = main.serverConfig().programOrg();
        String password = password(passwordFile);
        WebUser user;
        try {
            user = UserRequests.user(username, role, organization == null ? program : organization, password, program);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return withUsers(users -> {
            if (!users.add(user, password)) {
                spec.commandLine().getErr().println("A user '" + username + "' already exists");
                return 1;
            }
            spec.commandLine().getOut().println("Added " + username + " (" + user.role().name().toLowerCase(Locale.ROOT) + ", "
                    + user.organization() + ")");
            return 0;
        });
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the users.")
    int list() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        return withUsers(users -> {
            out.printf("%-28s %-8s %-9s %s%n", "USER", "STATUS", "ROLE", "ORGANIZATION");
            for (WebUser user : users.list()) {
                out.printf("%-28s %-8s %-9s %s%n", user.username(), user.enabled() ? "enabled" : "disabled",
                        user.role().name().toLowerCase(Locale.ROOT), user.organization());
            }
            return 0;
        });
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disables a user: no sign-in, and their sessions end.")
    int disable(@Parameters(paramLabel = "USERNAME") String username) throws Exception {
        return setEnabled(username, false);
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enables a disabled user again.")
    int enable(@Parameters(paramLabel = "USERNAME") String username) throws Exception {
        return setEnabled(username, true);
    }

    @Command(name = "password", mixinStandardHelpOptions = true, description = "Sets a user's password (and lifts a sign-in lock).")
    int password(@Parameters(paramLabel = "USERNAME") String username,
            @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from the file's first line"
                    + " (else you are asked for it).") Path passwordFile) throws Exception {
        String password = password(passwordFile);
        try {
            UserRequests.password(password);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return withUsers(users -> report(users.setPassword(username, password), username, "password set"));
    }

    private int setEnabled(String username, boolean enabled) throws Exception {
        return withUsers(users -> report(users.setEnabled(username, enabled), username, enabled ? "enabled" : "disabled"));
    }

    private int report(boolean found, String username, String done) {
        return AdminAccess.report(spec, found, "No user '" + username + "' exists", username + " " + done);
    }

    private String password(Path file) throws Exception {
        if (file != null) {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("");
        }
        if (System.console() == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "No terminal to ask for the password: give --password-file");
        }
        return new String(System.console().readPassword("Password: "));
    }

    /** Runs work against the running server's admin API, or else the stopped server's database. */
    private int withUsers(AdminAccess.Work<UserAdmin> work) throws Exception {
        return access.run(main.serverConfig(), "users", database -> UserAdmin.of(new UserRegistry(database)), AdminApiUsers::new, work);
    }
}
