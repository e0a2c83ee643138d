namespace Approvals; public static class Placeholder {}
