namespace EventBusPermissions.Input
{
    /// <summary>Why a piped object (or the command line with it) cannot be acted on: the error id and the user's message.</summary>
    internal sealed class InputRefusal
    {
        public InputRefusal(string errorId, string message)
        {
            ErrorId = errorId;
            Message = message;
        }

        public string ErrorId { get; }
        public string Message { get; }
    }
}
