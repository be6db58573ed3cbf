import ArgumentParser
import EcoGraph

extension NodeKind: ExpressibleByArgument {}
extension RelationKind: ExpressibleByArgument {}

/// Selection options shared by `export` and `list`.
struct FilterOptions: ParsableArguments {
    @Option(name: .customLong("category"), help: ArgumentHelp("Only entries in this category or its sub-groups (repeatable).", valueName: "name"))
    var categories: [String] = []

    @Option(name: .customLong("language"), help: ArgumentHelp("Only entries written in this language (repeatable).", valueName: "name"))
    var languages: [String] = []

    @Option(name: .customLong("kind"), help: ArgumentHelp("Only entries of this kind: project, resource or external (repeatable).", valueName: "kind"))
    var kinds: [NodeKind] = []

    @Option(name: .customLong("relation"), help: ArgumentHelp("Only relations of this kind, e.g. built-on (repeatable).", valueName: "kind"))
    var relations: [RelationKind] = []

    @Option(help: ArgumentHelp("Only the neighbourhood of this entry (name, alias or URL).", valueName: "name"))
    var focus: String?

    @Option(help: "With --focus: how many relation hops to include.")
    var depth: Int = 1

    func validate() throws {
        if depth < 0 { throw ValidationError("--depth must be 0 or more") }
    }

    var filter: GraphFilter {
        GraphFilter(categories: categories, languages: languages, kinds: kinds, relations: relations, focus: focus, depth: depth)
    }

    func apply(to graph: CatalogGraph) throws -> CatalogGraph {
        do {
            return try filter.apply(to: graph)
        } catch let e as DiagnosticError {
            throw Failure(e)
        }
    }
}
