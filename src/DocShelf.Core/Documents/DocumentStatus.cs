namespace DocShelf.Core.Documents;

public enum DocumentStatus
{
    Indexed,
    Quarantined,
}
