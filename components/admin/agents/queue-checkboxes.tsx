"use client";

/** Which queues an agent is a member of, as checkboxes (saved with the agent). */
export function QueueCheckboxes({
  queues,
  value,
  onChange,
}: {
  queues: { id: string; name: string }[];
  value: string[];
  onChange: (ids: string[]) => void;
}) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-800">Queues</legend>
      {queues.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">No queues yet: create one under Queues first.</p>
      ) : (
        <div className="mt-2 flex flex-wrap gap-x-5 gap-y-2">
          {queues.map((queue) => (
            <label key={queue.id} className="flex items-center gap-2 text-sm text-slate-800">
              <input
                type="checkbox"
                className="size-4 accent-blue-600"
                checked={value.includes(queue.id)}
                onChange={(event) =>
                  onChange(event.target.checked ? [...value, queue.id] : value.filter((id) => id !== queue.id))
                }
              />
              {queue.name}
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}
