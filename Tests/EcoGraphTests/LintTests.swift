import EcoGraph
import EcoGraphReaders
import Foundation
import Testing

/// `lint` on the shipped catalog and overlay, and on broken overlays: every problem at its
/// exact place in the YAML.
@Suite struct LintTests {
    func lint(overlay yaml: String) throws -> [Diagnostic] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ecograph-lint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalog = dir.appendingPathComponent("c.md")
        try FileManager.default.copyItem(atPath: Paths.seed, toPath: catalog.path)
        try yaml.write(to: dir.appendingPathComponent("c.relations.yaml"), atomically: true, encoding: .utf8)
        let result = try CatalogLoader(lenient: true).load(catalog: catalog.path)
        return Lint.check(result.graph, readerDiagnostics: result.diagnostics).map {
            var d = $0
            if var location = d.location {
                location.file = URL(fileURLWithPath: location.file).lastPathComponent
                d.location = location
            }
            return d
        }
    }

    @Test func theShippedCatalogHasNoErrors() throws {
        let result = try CatalogLoader(lenient: true).load(catalog: Paths.seed)
        let findings = Lint.check(result.graph, readerDiagnostics: result.diagnostics)
        #expect(findings.filter { $0.severity == .error }.isEmpty, "\(findings)")
        // The catalog as published lists Nginx with two URLs, one shared with the Nginx Wiki.
        #expect(Set(findings.map(\.code)) == ["several-urls", "duplicate-url"])
    }

    @Test func unknownNamesAreErrorsAtTheirPlaceWithASuggestion() throws {
        let yaml = """
        version: 1
        entries:
          Kafak:
            languages: [Java]
        relations:
          - from: Kong
            relation: built-on
            to: Nginxx
          - {from: Pika, relation: compatible-with, to: Pika}
        """
        let errors = try lint(overlay: yaml).filter { $0.severity == .error }.map(\.description)
        #expect(errors == [
            "c.relations.yaml:3:3: error: no entry named 'Kafak' in the catalog; did you mean 'Apache Kafka', 'Apache Karaf' or 'kala'?",
            "c.relations.yaml:8:9: error: no entry or external named 'Nginxx'; did you mean 'Nginx'?; declare it under 'externals:' if the catalog does not list it",
            "c.relations.yaml:9:5: error: 'Pika' compatible-with itself; a relation needs two different entries",
        ])
    }

    @Test func schemaMistakesAndUnknownLanguages() throws {
        let yaml = """
        version: 1
        entries:
          Istio:
            languages: [Golang, Jave]
            colour: blue
        relations:
          - from: Kong
            relation: built-upon
            to: Nginx
        """
        let errors = try lint(overlay: yaml).filter { $0.severity == .error }.map(\.description)
        #expect(errors.contains("c.relations.yaml:5:5: error: unknown field 'colour' for an entry; use kind, languages, aliases or note"))
        #expect(errors.contains { $0.hasPrefix("c.relations.yaml:8:15: error: unknown relation 'built-upon'; did you mean 'built-on'?") })
        #expect(errors.count == 2)   // schema errors stop before names are applied
    }

    @Test func languagesAreCheckedAgainstTheCanonicalList() throws {
        let yaml = """
        version: 1
        entries:
          Istio:
            languages: [Golang, Jave]
        """
        let errors = try lint(overlay: yaml).filter { $0.severity == .error }.map(\.description)
        #expect(errors == ["c.relations.yaml:4:25: error: 'Jave' is not a known language name; did you mean 'Java'?"])
    }

    @Test func builtOnCyclesAreFound() throws {
        let yaml = """
        version: 1
        relations:
          - {from: Kong, relation: built-on, to: OpenResty}
          - {from: OpenResty, relation: built-on, to: Kong}
        """
        let cycles = try lint(overlay: yaml).filter { $0.code == "built-on-cycle" }
        #expect(cycles.count == 1)
        #expect(cycles.first?.description == "c.relations.yaml:3:5: error: 'Kong', 'OpenResty' are built-on each other in a cycle; remove or reject one of these relations")
    }

    @Test func yamlSyntaxErrorsPointAtTheLine() throws {
        let findings = try lint(overlay: "version: 1\nrelations:\n  - {from: Kong, to: [\n")
        let yaml = try #require(findings.first { $0.code == "yaml" })
        #expect(yaml.severity == .error)
        #expect(yaml.location?.file == "c.relations.yaml")
        #expect(yaml.location?.line == 4)
    }

    @Test func typosOfTheRepositoryNameAreFlaggedUnlessAliased() throws {
        let findings = try lint(overlay: "version: 1\n")
        let typo = try #require(findings.first { $0.code == "name-typo" })
        #expect(typo.description == "c.md:253:1: warning: 'Groupcahe' looks like a misspelling of its repository 'groupcache'; add the right spelling as an alias in the overlay")
        #expect(findings.contains { $0.code == "no-language" && $0.message.hasPrefix("'Istio' has no language") })
    }
}
