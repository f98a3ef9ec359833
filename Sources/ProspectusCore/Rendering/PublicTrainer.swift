/// What may be published about a trainer, decided once from their consent.
///
/// Privacy by default: without current consent a trainer is only ever their
/// role ("Peer trainer"). A name needs `consent.name` *and* a `display` that
/// asks for it; a profile page needs `consent.profile`; a photo needs
/// `consent.photo`. Consent past `review_by` counts as withdrawn.
public struct PublicTrainer: Sendable {
    public let id: String
    /// The name to show, or nil when the trainer is shown by role only.
    public let name: String?
    public let hasProfile: Bool
    public let showPhoto: Bool

    public init(_ trainer: Trainer, today: CalendarDate) {
        id = trainer.id
        let current = trainer.consent.isCurrent(on: today)
        if current && trainer.consent.name {
            switch trainer.display {
            case .roleOnly: name = nil
            // Any white space separates names: a pasted non-breaking space too.
            case .firstName: name = trainer.name.split(whereSeparator: \.isWhitespace).first.map(String.init)
            case .fullName: name = trainer.name
            }
        } else {
            name = nil
        }
        hasProfile = current && trainer.consent.profile
        showPhoto = current && trainer.consent.photo && trainer.photo != nil
    }
}
