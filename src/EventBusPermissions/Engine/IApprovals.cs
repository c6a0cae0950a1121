namespace EventBusPermissions.Engine
{
    /// <summary>
    /// The questions a plan asks before any write, answered by the cmdlet on the pipeline thread (PowerShell allows
    /// ShouldProcess and prompts nowhere else): the planning classes of the engine ask through this seam and never
    /// see the cmdlet, so a test can answer for it.
    /// </summary>
    internal interface IApprovals
    {
        /// <summary>ShouldProcess for one change: -WhatIf says it, -Confirm asks it.</summary>
        bool ShouldProcess(string target, string action);

        /// <summary>The extra question for a High-impact change, on top of ShouldProcess; -Force or -Confirm:$false answer it.</summary>
        bool ConfirmHighImpact(string query, string caption, string what, object? target);

        /// <summary>True when the command was given -Force.</summary>
        bool Force { get; }
    }
}
