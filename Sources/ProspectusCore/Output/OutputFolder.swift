import Foundation

/// Why an output folder was refused. The build stops before touching anything.
public struct UnsafeOutputFolder: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// Stage 7a: decide whether the output folder is one Prospectus may replace.
///
/// A build replaces the whole output folder, so a mistyped `--output` must
/// never point at something precious: the file system root, the home folder,
/// the site itself or its content or templates. An existing folder is only
/// replaced when an earlier build left its marker file in it.
public enum OutputFolder {
    /// Written into every output folder; its presence means "Prospectus made this".
    public static let marker = ".prospectus-output"

    /// `protected` folders may be neither the output nor inside it; `sources`
    /// (content and templates) may also not contain it.
    public static func validate(output: URL, protecting protected: [URL], sources: [URL]) -> Result<Void, UnsafeOutputFolder> {
        let target = realPath(output.path)
        let home = realPath(FileManager.default.homeDirectoryForCurrentUser.path)
        if target == "/" {
            return .failure(UnsafeOutputFolder(description: "refusing to build into / (the whole file system)"))
        }
        if target == home {
            return .failure(UnsafeOutputFolder(description: "refusing to build into your home folder \(home)"))
        }
        for folder in protected {
            let resolved = realPath(folder.path)
            if isInside(resolved, target) {
                return .failure(
                    UnsafeOutputFolder(
                        description: "refusing to build into \(target): it contains \(resolved), which the build would delete"))
            }
        }
        for folder in sources {
            let resolved = realPath(folder.path)
            if isInside(target, resolved) {
                return .failure(
                    UnsafeOutputFolder(description: "refusing to build into \(target): it is inside \(resolved)"))
            }
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                return .failure(UnsafeOutputFolder(description: "refusing to build into \(target): it is a file, not a folder"))
            }
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []
            if !contents.isEmpty && !contents.contains(marker) {
                return .failure(
                    UnsafeOutputFolder(
                        description: "refusing to build into \(target): the folder is not empty and was not made by Prospectus, so replacing it could delete your files. Choose a new or empty folder with --output"))
            }
        }
        return .success(())
    }
}
