import ArgumentParser
import EcoGraph
import EcoGraphWriters

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Report every problem in a catalog and its overlay, each at file:line:col.",
        discussion: """
        Checks overlay names, languages, duplicate URLs, projects with no language, built-on
        cycles, self-relations, names that look like typos of their repository, unused rejects.
        The catalog stays as published: fix the model in the overlay. No network is used.
        Exit 0 when there are no errors (with --strict: no warnings either), 1 otherwise.

        Examples:
          ecograph lint
          ecograph lint --strict --format sarif > lint.sarif
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, sarif }

    @OptionGroup var catalog: CatalogOptions
    @Option(help: "Output format: text, json or sarif.") var format: Format = .text
    @Flag(help: "Treat warnings as errors.") var strict = false

    func run() throws {
        var failed = false
        try runReportingFailures {
            let result = try catalog.load(lenient: true)
            let report = LintReport(Lint.check(result.graph, readerDiagnostics: result.diagnostics))
            switch format {
            case .text: Console.out(report.text())
            case .json: Console.out(bytes: report.json())
            case .sarif: Console.out(bytes: report.sarif())
            }
            failed = report.errors > 0 || (strict && report.warnings > 0)
        }
        if failed { throw ExitCode(ExitCodes.different) }
    }
}
